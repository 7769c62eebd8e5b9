/** A rectangle in pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a srcWidth × srcHeight frame lands when scaled to fit inside dstWidth × dstHeight with its
 * aspect ratio kept and centred (the rest is padding).
 */
export function letterboxRect(srcWidth: number, srcHeight: number, dstWidth: number, dstHeight: number): Rect {
  if (!(srcWidth > 0 && srcHeight > 0 && dstWidth > 0 && dstHeight > 0)) {
    throw new Error(`Bad letterbox sizes ${srcWidth}x${srcHeight} -> ${dstWidth}x${dstHeight}`);
  }
  const scale = Math.min(dstWidth / srcWidth, dstHeight / srcHeight);
  const width = Math.max(1, Math.round(srcWidth * scale));
  const height = Math.max(1, Math.round(srcHeight * scale));
  return { x: Math.floor((dstWidth - width) / 2), y: Math.floor((dstHeight - height) / 2), width, height };
}

/**
 * The part of a gridWidth × gridHeight map (e.g. a 7×7 CAM over the letterboxed input) that covers
 * the content rectangle, in fractional grid cells.
 */
export function contentInGrid(content: Rect, inputWidth: number, inputHeight: number, gridWidth: number, gridHeight: number): Rect {
  const sx = gridWidth / inputWidth;
  const sy = gridHeight / inputHeight;
  return { x: content.x * sx, y: content.y * sy, width: content.width * sx, height: content.height * sy };
}
