/** Protobuf's base-128 varint encoding of a non-negative integer, for tests that build or edit ONNX files by hand. */
export function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}
