import { useEffect, useState } from 'react';
import { getDetail } from '../../store/db';

const MAX_CACHED = 96;
/** Object URLs of saved thumbnails already shown, by `key|index`, oldest first (revoked when evicted). */
const cache = new Map<string, string>();

async function thumbUrl(filmKey: string, index: number): Promise<string | null> {
  const id = `${filmKey}|${index}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const detail = await getDetail(filmKey, index).catch(() => undefined);
  if (!detail) return null;
  const url = URL.createObjectURL(detail.thumb);
  cache.set(id, url);
  if (cache.size > MAX_CACHED) {
    const [oldest, oldUrl] = cache.entries().next().value!;
    cache.delete(oldest);
    URL.revokeObjectURL(oldUrl);
  }
  return url;
}

/** The saved frame of one analysed second, for the timeline's hover tooltip. */
export function HoverThumb({ filmKey, index, label }: { filmKey: string; index: number; label: string }) {
  const [url, setUrl] = useState<string | null>(cache.get(`${filmKey}|${index}`) ?? null);
  useEffect(() => {
    let live = true;
    void thumbUrl(filmKey, index).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [filmKey, index]);
  return url ? <img className="hover-thumb" src={url} alt={label} data-testid="hover-thumb" data-index={index} /> : <span className="hover-thumb hover-thumb-empty" />;
}
