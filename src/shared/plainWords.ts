import { COARSE_GROUPS } from './taxonomy';

/** A model class as a film person reads it: a pooled class names the scales it pools (MEDIUM → "MCU–MLS"). */
export function modelClassLabel(modelClass: string): string {
  const members = COARSE_GROUPS[modelClass]?.members;
  return members && members.length > 1 ? `${members[0]}–${members[members.length - 1]}` : modelClass;
}
