/** Where the picture sits inside a frame, in fractions of the frame (burned-in bars excluded). */
export interface PictureBounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The whole frame: no bars. */
export const FULL_PICTURE: PictureBounds = { top: 0, bottom: 1, left: 0, right: 1 };

/** Rec. 709 luma, in [0, 1], of the RGBA pixel at byte offset `i` (what the bar and blank-frame measures read). */
export function lumaAt(rgba: ArrayLike<number>, i: number): number {
  return (0.2126 * rgba[i] + 0.7152 * rgba[i + 1] + 0.0722 * rgba[i + 2]) / 255;
}

/** Luma at or below this is bar black (about 24/255: video black is 16/255, plus noise). */
const BAR_LUMA = 0.095;
/** A row or column is part of a bar when no more than this share of its pixels is brighter. */
const BAR_BRIGHT_SHARE = 0.02;
/** A picture smaller than this share of the frame is a blank or title frame, not a barred one. */
const MIN_PICTURE_SHARE = 0.3;

/**
 * The picture inside a frame that has black letterbox (top/bottom) or pillarbox (left/right) bars
 * burned into it, measured on the RGBA pixels of the rectangle `rect` of an image (the frame as it
 * sits in the model input). A bar is a run of rows or columns from an edge that are nearly all
 * black; a frame that is black almost everywhere is left whole.
 */
export function pictureBounds(rgba: ArrayLike<number>, width: number, height: number, rect = { x: 0, y: 0, width, height }): PictureBounds {
  if (rect.width < 4 || rect.height < 4) return FULL_PICTURE;
  const bright = (x: number, y: number): boolean => {
    const i = (y * width + x) * 4;
    return lumaAt(rgba, i) > BAR_LUMA;
  };
  const rowIsBar = (y: number): boolean => {
    let n = 0;
    for (let x = rect.x; x < rect.x + rect.width; x++) if (bright(x, y)) n++;
    return n <= BAR_BRIGHT_SHARE * rect.width;
  };
  let top = 0;
  while (top < rect.height && rowIsBar(rect.y + top)) top++;
  let bottom = rect.height;
  while (bottom > top && rowIsBar(rect.y + bottom - 1)) bottom--;
  if (bottom - top < MIN_PICTURE_SHARE * rect.height) return FULL_PICTURE;
  const colIsBar = (x: number): boolean => {
    let n = 0;
    for (let y = rect.y + top; y < rect.y + bottom; y++) if (bright(x, y)) n++;
    return n <= BAR_BRIGHT_SHARE * (bottom - top);
  };
  let left = 0;
  while (left < rect.width && colIsBar(rect.x + left)) left++;
  let right = rect.width;
  while (right > left && colIsBar(rect.x + right - 1)) right--;
  if (right - left < MIN_PICTURE_SHARE * rect.width) return FULL_PICTURE;
  return { top: top / rect.height, bottom: bottom / rect.height, left: left / rect.width, right: right / rect.width };
}

/** The pixel rectangle of `picture` (fractions of `rect`, as pictureBounds gives them) inside `rect`. */
export function pictureRect(picture: PictureBounds, rect: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number } {
  return {
    x: rect.x + picture.left * rect.width,
    y: rect.y + picture.top * rect.height,
    width: (picture.right - picture.left) * rect.width,
    height: (picture.bottom - picture.top) * rect.height,
  };
}
