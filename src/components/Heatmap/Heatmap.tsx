import { useEffect, useRef } from 'react';
import { camForClass, camToRgba, normalizeCam } from '../../shared/cam';
import { contentInGrid } from '../../shared/letterbox';
import type { SecondDetail } from '../../shared/types';

/** Default heatmap opacity: the hot areas read clearly and the frame stays visible under them. */
export const DEFAULT_HEATMAP_OPACITY = 0.7;

/** Draws the CAM of one class over the frame's content area, upscaled smoothly to `widthPx`. */
export function Heatmap({ detail, classIndex, opacity, widthPx = 384 }: { detail: SecondDetail; classIndex: number; opacity: number; widthPx?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const heightPx = Math.round((widthPx * detail.content.height) / detail.content.width);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const { camHeight: h, camWidth: w } = detail;
    const grid = document.createElement('canvas');
    grid.width = w;
    grid.height = h;
    const rgba = camToRgba(normalizeCam(camForClass(detail.cam, classIndex, h, w)));
    grid.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), w, h), 0, 0);
    const crop = contentInGrid(detail.content, detail.inputWidth, detail.inputHeight, w, h);
    const ctx = el.getContext('2d')!;
    ctx.clearRect(0, 0, el.width, el.height);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(grid, crop.x, crop.y, crop.width, crop.height, 0, 0, el.width, el.height);
  }, [detail, classIndex, widthPx, heightPx]);
  return <canvas ref={canvas} className="heatmap" width={widthPx} height={heightPx} style={{ opacity }} data-testid="heatmap" />;
}
