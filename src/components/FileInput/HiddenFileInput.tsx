import type { Ref } from 'react';

/** What the file pickers for films accept: any video, and the containers browsers do not all name as video. */
export const VIDEO_ACCEPT = 'video/*,.mp4,.mov,.m4v,.webm,.mkv,.ts,.m2ts,.mts';

/** A hidden file input, opened by a button through `inputRef`: hands over the chosen files and clears itself, so the same file can be chosen again. */
export function HiddenFileInput(props: { inputRef: Ref<HTMLInputElement>; accept: string; multiple?: boolean; testId: string; onFiles: (files: File[]) => void }) {
  return (
    <input
      ref={props.inputRef}
      type="file"
      accept={props.accept}
      multiple={props.multiple}
      hidden
      data-testid={props.testId}
      onChange={(e) => {
        const files = Array.from(e.target.files ?? []);
        e.target.value = '';
        if (files.length) props.onFiles(files);
      }}
    />
  );
}
