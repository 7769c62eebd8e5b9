// Reads an ONNX model's interface (graph inputs and outputs with their declared shapes) straight
// from its protobuf bytes (onnx.proto3: ModelProto → GraphProto → ValueInfoProto), skipping the
// weights without copying them.

/** One declared dimension: a number, a symbolic name, or null when neither is set. */
export type OnnxDim = number | string | null;

/** A graph input or output as the file declares it. */
export interface OnnxValue {
  name: string;
  /** TensorProto.DataType (1 = float32), or 0 when the type is not a tensor. */
  elemType: number;
  /** Declared shape, or null when the file declares none. */
  dims: OnnxDim[] | null;
}

/** What an ONNX file says about itself. */
export interface OnnxInterface {
  irVersion: number;
  /** Opset versions by domain ('' = the default ai.onnx domain). */
  opsets: Record<string, number>;
  inputs: OnnxValue[];
  outputs: OnnxValue[];
}

/** TensorProto.DataType FLOAT. */
export const ONNX_FLOAT = 1;

/** Names of the common TensorProto data types, for messages. */
export const ONNX_TYPE_NAMES: Record<number, string> = { 1: 'float32', 2: 'uint8', 3: 'int8', 6: 'int32', 7: 'int64', 10: 'float16', 11: 'float64', 16: 'bfloat16' };

/** Raised when the bytes are not a readable ONNX model. */
export class OnnxFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxFormatError';
  }
}

interface Field {
  no: number;
  wire: number;
  /** Varint value (wire 0). */
  value: number;
  /** Payload (wire 2). */
  bytes: Uint8Array;
}

/** Iterates the fields of one protobuf message. */
function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) throw new OnnxFormatError('the protobuf data ends inside a number');
      const b = buf[pos++];
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new OnnxFormatError('a protobuf number is longer than 10 bytes');
  };
  const empty = new Uint8Array(0);
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no === 0) throw new OnnxFormatError('a protobuf field has number 0');
    if (wire === 0) yield { no, wire, value: varint(), bytes: empty };
    else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      if (pos > buf.length) throw new OnnxFormatError('the protobuf data ends inside a fixed-size field');
    } else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new OnnxFormatError(`field ${no} claims ${len} bytes but only ${buf.length - pos} remain (file cut short?)`);
      yield { no, wire, value: 0, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else throw new OnnxFormatError(`unsupported protobuf wire type ${wire}`);
  }
}

const utf8 = new TextDecoder();

function readDims(shape: Uint8Array): OnnxDim[] {
  const dims: OnnxDim[] = [];
  for (const f of fields(shape)) {
    if (f.no !== 1 || f.wire !== 2) continue;
    let dim: OnnxDim = null;
    for (const d of fields(f.bytes)) {
      if (d.no === 1 && d.wire === 0) dim = d.value;
      else if (d.no === 2 && d.wire === 2) dim = utf8.decode(d.bytes);
    }
    dims.push(dim);
  }
  return dims;
}

function readValueInfo(buf: Uint8Array): OnnxValue {
  const out: OnnxValue = { name: '', elemType: 0, dims: null };
  for (const f of fields(buf)) {
    if (f.no === 1 && f.wire === 2) out.name = utf8.decode(f.bytes);
    else if (f.no === 2 && f.wire === 2) {
      for (const t of fields(f.bytes)) {
        if (t.no !== 1 || t.wire !== 2) continue; // tensor_type
        for (const tt of fields(t.bytes)) {
          if (tt.no === 1 && tt.wire === 0) out.elemType = tt.value;
          else if (tt.no === 2 && tt.wire === 2) out.dims = readDims(tt.bytes);
        }
      }
    }
  }
  return out;
}

function initializerName(buf: Uint8Array): string {
  for (const f of fields(buf)) if (f.no === 8 && f.wire === 2) return utf8.decode(f.bytes);
  return '';
}

/** Reads the interface of an ONNX model from its bytes; throws OnnxFormatError when they are not one. */
export function readOnnxInterface(bytes: Uint8Array): OnnxInterface {
  const out: OnnxInterface = { irVersion: 0, opsets: {}, inputs: [], outputs: [] };
  let graph: Uint8Array | undefined;
  for (const f of fields(bytes)) {
    if (f.no === 1 && f.wire === 0) out.irVersion = f.value;
    else if (f.no === 7 && f.wire === 2) graph = f.bytes;
    else if (f.no === 8 && f.wire === 2) {
      let domain = '';
      let version = 0;
      for (const o of fields(f.bytes)) {
        if (o.no === 1 && o.wire === 2) domain = utf8.decode(o.bytes);
        else if (o.no === 2 && o.wire === 0) version = o.value;
      }
      out.opsets[domain === 'ai.onnx' ? '' : domain] = version;
    }
  }
  if (!graph || out.irVersion === 0) throw new OnnxFormatError('no ONNX graph found (the file is not an ONNX model)');
  const initializers = new Set<string>();
  for (const f of fields(graph)) {
    if (f.wire !== 2) continue;
    if (f.no === 5) initializers.add(initializerName(f.bytes));
    else if (f.no === 11) out.inputs.push(readValueInfo(f.bytes));
    else if (f.no === 12) out.outputs.push(readValueInfo(f.bytes));
  }
  // Before IR 4 weights were also listed as graph inputs; they are not inputs the caller feeds.
  out.inputs = out.inputs.filter((v) => !initializers.has(v.name));
  return out;
}
