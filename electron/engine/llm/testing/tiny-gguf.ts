// Random-weight llama models as GGUF v3 files, for tests (tiny, F32) and benchmarks (real shapes,
// Q4_0). No weights can be downloaded here, so the suite writes its own: the output is noise, but
// loading, tokenising, prompt processing, grammar-constrained sampling and cancellation cost and
// behave as with a real model of the same shape.
//
// Written from the GGUF spec (ggml docs/gguf.md): little-endian; header "GGUF", version 3, tensor
// count (u64), metadata count (u64); metadata key (string = u64 length + UTF-8) + value type (u32) +
// value (arrays: element type u32, count u64, elements); tensor infos: name, n_dims (u32), dims (u64,
// innermost first), ggml type (u32), offset (u64) from the start of the data section; padding to
// `general.alignment` (32); tensor data, each tensor at an aligned offset.
//
// Tokenizer: llama.cpp's SentencePiece ("llama") with byte fallback. The vocabulary is <unk>, <s>,
// </s>, the ChatML markers <|im_start|> and <|im_end|> (control tokens), the 256 byte tokens
// <0x00>..<0xFF> and "▁" (SentencePiece's space), so any UTF-8 text (Persian included) tokenises:
// every character that is not a piece falls back to its bytes. A larger `vocabularySize` adds
// generated multi-character pieces (Persian and Latin letters) so that the output layer and the
// grammar's candidate set have a real model's size; they merge as SentencePiece merges pieces.
//
// Plain Node, no test framework: usable from tests, benchmarks and the command line.
import fs from 'node:fs';

// --- GGUF constants ------------------------------------------------------------------------------

const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
const GGUF_VERSION = 3;
const ALIGNMENT = 32;

/** gguf_type ids of the metadata values written here. */
const ValueType = { UINT32: 4, INT32: 5, FLOAT32: 6, BOOL: 7, STRING: 8, ARRAY: 9 } as const;
type ValueTypes = typeof ValueType;

/** ggml_type ids. */
const GGML_TYPE = { f32: 0, q4_0: 2 } as const;
/** llama_ftype: ALL_F32 = 0, MOSTLY_Q4_0 = 2. */
const FILE_TYPE = { f32: 0, q4_0: 2 } as const;
/** Q4_0: 32 values per block, an f16 scale and 16 bytes of nibbles. */
const Q4_0_BLOCK_VALUES = 32;
const Q4_0_BLOCK_BYTES = 18;

/** llama.cpp's token types. */
const TOKEN_TYPE = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

export type TinyTensorType = keyof typeof GGML_TYPE;

// --- Model description ---------------------------------------------------------------------------

export interface TinyGgufOptions {
  /** PRNG seed of the weights (and of the generated vocabulary pieces). Default 1. */
  seed?: number;
  /** Transformer blocks. Default 2. */
  layers?: number;
  /** Embedding width. Default 64. */
  embedding?: number;
  /** Attention heads. Default 4. */
  heads?: number;
  /** Key/value heads (grouped-query attention). Default 2. */
  kvHeads?: number;
  /** Feed-forward width. Default 128. */
  feedForward?: number;
  /** The context the model says it was trained for. Default 4096. */
  contextLength?: number;
  /** Type of the 2-D weight tensors (norms stay F32). Default 'f32'. */
  tensorType?: TinyTensorType;
  /** Total vocabulary; default the byte-level minimum (262). Larger adds generated pieces. */
  vocabularySize?: number;
  ropeFreqBase?: number;
  name?: string;
}

/**
 * Llama 3.2 1B's shapes (n_embd 2048, 16 blocks, n_ff 8192, 32 heads, 8 KV heads, head 64, RoPE
 * base 500 000, vocabulary 128 256). The vocabulary here is byte-level plus generated pieces of
 * the same count, not Llama 3's BPE vocabulary.
 */
export const LLAMA_3_2_1B_SHAPE = {
  layers: 16,
  embedding: 2048,
  heads: 32,
  kvHeads: 8,
  feedForward: 8192,
  contextLength: 131_072,
  vocabularySize: 128_256,
  ropeFreqBase: 500_000,
} as const satisfies TinyGgufOptions;

export const SPECIAL_TOKENS = {
  unknown: '<unk>',
  bos: '<s>',
  eos: '</s>',
  imStart: '<|im_start|>',
  imEnd: '<|im_end|>',
} as const;

/** ChatML, as Qwen and many small instruct models ship it. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

export interface TinyGgufFile {
  readonly path: string;
  readonly bytes: number;
  readonly vocabularySize: number;
  /** Weights, norms included. */
  readonly parameters: number;
  readonly tensorType: TinyTensorType;
  readonly shape: Required<Omit<TinyGgufOptions, 'seed' | 'name' | 'tensorType'>>;
}

// --- PRNG: xorshift32, enough for noise -----------------------------------------------------------

class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed >>> 0 || 0x9e3779b9) >>> 0;
  }
  nextU32(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  /** Uniform in [-1, 1). */
  nextSigned(): number {
    return this.nextU32() / 2 ** 31 - 1;
  }
  fill(bytes: Uint8Array): void {
    const words = Math.floor(bytes.length / 4);
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) view[i] = this.nextU32();
    for (let i = words * 4; i < bytes.length; i++) bytes[i] = this.nextU32() & 0xff;
  }
}

// --- Vocabulary ----------------------------------------------------------------------------------

interface Vocabulary {
  tokens: string[];
  scores: Float32Array;
  types: Int32Array;
  bos: number;
  eos: number;
  unknown: number;
}

const PERSIAN_LETTERS = 'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی';
const LATIN_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const MINIMAL_VOCABULARY = 5 + 256 + 1;

function buildVocabulary(size: number, prng: Prng): Vocabulary {
  const tokens: string[] = [
    SPECIAL_TOKENS.unknown,
    SPECIAL_TOKENS.bos,
    SPECIAL_TOKENS.eos,
    SPECIAL_TOKENS.imStart,
    SPECIAL_TOKENS.imEnd,
  ];
  const types: number[] = [
    TOKEN_TYPE.unknown,
    TOKEN_TYPE.control,
    TOKEN_TYPE.control,
    TOKEN_TYPE.control,
    TOKEN_TYPE.control,
  ];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.byte);
  }
  tokens.push('▁');
  types.push(TOKEN_TYPE.normal);

  // Generated pieces: every letter, then pairs, then longer pieces built on existing ones (so that
  // SentencePiece's pairwise merges can reach them), until the vocabulary has its size.
  const seen = new Set(tokens);
  const add = (piece: string) => {
    if (tokens.length >= size || seen.has(piece)) return;
    seen.add(piece);
    tokens.push(piece);
    types.push(TOKEN_TYPE.normal);
  };
  const letters = [...PERSIAN_LETTERS, ...LATIN_LETTERS, '▁'];
  for (const letter of letters) add(letter);
  for (const a of letters) for (const b of letters) add(a + b);
  let guard = 0;
  while (tokens.length < size && guard++ < size * 20) {
    const base =
      tokens[MINIMAL_VOCABULARY + (prng.nextU32() % (tokens.length - MINIMAL_VOCABULARY))]!;
    add(base + letters[prng.nextU32() % letters.length]!);
  }
  for (let i = 0; tokens.length < size; i++) add(`<unused${i}>`);

  // Longer pieces score higher, so SentencePiece prefers them, as with a trained vocabulary.
  const scores = new Float32Array(tokens.length);
  for (let i = MINIMAL_VOCABULARY; i < tokens.length; i++) {
    scores[i] = -1000 + [...tokens[i]!].length - i / tokens.length;
  }
  return { tokens, scores, types: Int32Array.from(types), bos: 1, eos: 4, unknown: 0 };
}

// --- Binary writing ------------------------------------------------------------------------------

type MetadataValue =
  | { type: ValueTypes['UINT32'] | ValueTypes['INT32'] | ValueTypes['FLOAT32']; value: number }
  | { type: ValueTypes['BOOL']; value: boolean }
  | { type: ValueTypes['STRING']; value: string }
  | { type: ValueTypes['ARRAY']; elementType: ValueTypes['STRING']; value: readonly string[] }
  | { type: ValueTypes['ARRAY']; elementType: ValueTypes['FLOAT32']; value: Float32Array }
  | { type: ValueTypes['ARRAY']; elementType: ValueTypes['INT32']; value: Int32Array };

class ByteWriter {
  private chunks: Buffer[] = [];
  length = 0;

  private push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value >>> 0);
    this.push(b);
  }
  i32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    this.push(b);
  }
  u64(value: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(value));
    this.push(b);
  }
  f32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.push(b);
  }
  u8(value: number): void {
    this.push(Buffer.from([value]));
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  raw(buffer: Buffer): void {
    this.push(buffer);
  }
  pad(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function writeMetadata(writer: ByteWriter, key: string, entry: MetadataValue): void {
  writer.string(key);
  writer.u32(entry.type);
  switch (entry.type) {
    case ValueType.UINT32:
      return writer.u32(entry.value);
    case ValueType.INT32:
      return writer.i32(entry.value);
    case ValueType.FLOAT32:
      return writer.f32(entry.value);
    case ValueType.BOOL:
      return writer.u8(entry.value ? 1 : 0);
    case ValueType.STRING:
      return writer.string(entry.value);
    case ValueType.ARRAY: {
      writer.u32(entry.elementType);
      writer.u64(entry.value.length);
      if (entry.elementType === ValueType.STRING) {
        for (const item of entry.value) writer.string(item);
      } else {
        // Float32 and Int32 arrays: the platform is little-endian, as GGUF is.
        writer.raw(Buffer.from(entry.value.buffer, entry.value.byteOffset, entry.value.byteLength));
      }
      return;
    }
  }
}

/** IEEE half from a float (round to nearest; enough for scales). */
function toHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (exponent <= 0) return sign; // too small for a normal half: zero is fine for a scale
  if (exponent >= 31) return sign | 0x7c00;
  return sign | (exponent << 10) | Math.round(mantissa / 0x2000);
}

// --- Tensors -------------------------------------------------------------------------------------

interface TensorPlan {
  name: string;
  /** ggml order: innermost (row length) first. */
  dims: number[];
  type: TinyTensorType;
  /** 'norm': all ones; 'weight': noise of this standard deviation. */
  fill: { kind: 'norm' } | { kind: 'weight'; std: number };
}

function tensorBytes(plan: TensorPlan): number {
  const count = plan.dims.reduce((a, b) => a * b, 1);
  if (plan.type === 'f32') return count * 4;
  return (count / Q4_0_BLOCK_VALUES) * Q4_0_BLOCK_BYTES;
}

function tensorData(plan: TensorPlan, prng: Prng): Buffer {
  const count = plan.dims.reduce((a, b) => a * b, 1);
  if (plan.fill.kind === 'norm') {
    return Buffer.from(new Float32Array(count).fill(1).buffer);
  }
  const { std } = plan.fill;
  if (plan.type === 'f32') {
    // Uniform noise with the given standard deviation (uniform[-a, a] has std a/√3).
    const a = std * Math.sqrt(3);
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = prng.nextSigned() * a;
    return Buffer.from(values.buffer);
  }
  // Q4_0: value = (nibble − 8) × d; uniform nibbles have a std of about 4.6, so d = std / 4.6.
  const blocks = count / Q4_0_BLOCK_VALUES;
  const data = Buffer.alloc(blocks * Q4_0_BLOCK_BYTES);
  prng.fill(data);
  const half = toHalf(std / 4.6);
  for (let block = 0; block < blocks; block++) data.writeUInt16LE(half, block * Q4_0_BLOCK_BYTES);
  return data;
}

function planTensors(
  shape: TinyGgufFile['shape'],
  vocabularySize: number,
  type: TinyTensorType,
): TensorPlan[] {
  const { embedding, heads, kvHeads, feedForward, layers } = shape;
  const headDim = embedding / heads;
  const kvWidth = headDim * kvHeads;
  const weight = (name: string, inner: number, outer: number): TensorPlan => ({
    name,
    dims: [inner, outer],
    type,
    fill: { kind: 'weight', std: 1 / Math.sqrt(inner) },
  });
  const norm = (name: string, width: number): TensorPlan => ({
    name,
    dims: [width],
    type: 'f32',
    fill: { kind: 'norm' },
  });
  const plans: TensorPlan[] = [
    { ...weight('token_embd.weight', embedding, vocabularySize), fill: { kind: 'weight', std: 1 } },
  ];
  for (let i = 0; i < layers; i++) {
    plans.push(
      norm(`blk.${i}.attn_norm.weight`, embedding),
      weight(`blk.${i}.attn_q.weight`, embedding, embedding),
      weight(`blk.${i}.attn_k.weight`, embedding, kvWidth),
      weight(`blk.${i}.attn_v.weight`, embedding, kvWidth),
      weight(`blk.${i}.attn_output.weight`, embedding, embedding),
      norm(`blk.${i}.ffn_norm.weight`, embedding),
      weight(`blk.${i}.ffn_gate.weight`, embedding, feedForward),
      weight(`blk.${i}.ffn_up.weight`, embedding, feedForward),
      weight(`blk.${i}.ffn_down.weight`, feedForward, embedding),
    );
  }
  plans.push(
    norm('output_norm.weight', embedding),
    weight('output.weight', embedding, vocabularySize),
  );
  return plans;
}

// --- The file ------------------------------------------------------------------------------------

function resolveShape(options: TinyGgufOptions): TinyGgufFile['shape'] {
  const shape = {
    layers: options.layers ?? 2,
    embedding: options.embedding ?? 64,
    heads: options.heads ?? 4,
    kvHeads: options.kvHeads ?? 2,
    feedForward: options.feedForward ?? 128,
    contextLength: options.contextLength ?? 4096,
    vocabularySize: Math.max(MINIMAL_VOCABULARY, options.vocabularySize ?? MINIMAL_VOCABULARY),
    ropeFreqBase: options.ropeFreqBase ?? 10_000,
  };
  const positive = Object.entries(shape).filter(([, v]) => !Number.isInteger(v) || v <= 0);
  if (positive.length > 0) throw new RangeError(`invalid model shape: ${JSON.stringify(shape)}`);
  if (shape.embedding % shape.heads !== 0 || shape.heads % shape.kvHeads !== 0) {
    throw new RangeError('embedding must divide by heads, and heads by kvHeads');
  }
  if ((shape.embedding / shape.heads) % 2 !== 0) throw new RangeError('head size must be even');
  return shape;
}

/**
 * Writes a random-weight llama GGUF to `file` (overwriting it) and describes it. Deterministic for
 * the same options. Q4_0 needs every row length (embedding, feedForward) to be a multiple of 32.
 */
export function writeTinyGguf(file: string, options: TinyGgufOptions = {}): TinyGgufFile {
  const shape = resolveShape(options);
  const tensorType = options.tensorType ?? 'f32';
  if (
    tensorType === 'q4_0' &&
    (shape.embedding % Q4_0_BLOCK_VALUES !== 0 || shape.feedForward % Q4_0_BLOCK_VALUES !== 0)
  ) {
    throw new RangeError('Q4_0 needs embedding and feedForward to be multiples of 32');
  }
  const prng = new Prng(options.seed ?? 1);
  const vocabulary = buildVocabulary(shape.vocabularySize, prng);
  const vocabularySize = vocabulary.tokens.length;
  const plans = planTensors(shape, vocabularySize, tensorType);
  const headDim = shape.embedding / shape.heads;

  const u32 = (value: number): MetadataValue => ({ type: ValueType.UINT32, value });
  const f32 = (value: number): MetadataValue => ({ type: ValueType.FLOAT32, value });
  const str = (value: string): MetadataValue => ({ type: ValueType.STRING, value });
  const metadata: [string, MetadataValue][] = [
    ['general.architecture', str('llama')],
    ['general.name', str(options.name ?? `helssa-test-llama-${shape.layers}x${shape.embedding}`)],
    ['general.file_type', u32(FILE_TYPE[tensorType])],
    ['general.quantization_version', u32(2)],
    ['general.alignment', u32(ALIGNMENT)],
    ['llama.context_length', u32(shape.contextLength)],
    ['llama.embedding_length', u32(shape.embedding)],
    ['llama.block_count', u32(shape.layers)],
    ['llama.feed_forward_length', u32(shape.feedForward)],
    ['llama.attention.head_count', u32(shape.heads)],
    ['llama.attention.head_count_kv', u32(shape.kvHeads)],
    ['llama.rope.dimension_count', u32(headDim)],
    ['llama.rope.freq_base', f32(shape.ropeFreqBase)],
    ['llama.attention.layer_norm_rms_epsilon', f32(1e-5)],
    ['llama.vocab_size', u32(vocabularySize)],
    ['tokenizer.ggml.model', str('llama')],
    [
      'tokenizer.ggml.tokens',
      { type: ValueType.ARRAY, elementType: ValueType.STRING, value: vocabulary.tokens },
    ],
    [
      'tokenizer.ggml.scores',
      { type: ValueType.ARRAY, elementType: ValueType.FLOAT32, value: vocabulary.scores },
    ],
    [
      'tokenizer.ggml.token_type',
      { type: ValueType.ARRAY, elementType: ValueType.INT32, value: vocabulary.types },
    ],
    ['tokenizer.ggml.bos_token_id', u32(vocabulary.bos)],
    ['tokenizer.ggml.eos_token_id', u32(vocabulary.eos)],
    ['tokenizer.ggml.unknown_token_id', u32(vocabulary.unknown)],
    ['tokenizer.ggml.padding_token_id', u32(vocabulary.unknown)],
    ['tokenizer.ggml.add_bos_token', { type: ValueType.BOOL, value: true }],
    ['tokenizer.ggml.add_eos_token', { type: ValueType.BOOL, value: false }],
    ['tokenizer.chat_template', str(CHATML_TEMPLATE)],
  ];

  const header = new ByteWriter();
  header.u32(GGUF_MAGIC);
  header.u32(GGUF_VERSION);
  header.u64(plans.length);
  header.u64(metadata.length);
  for (const [key, value] of metadata) writeMetadata(header, key, value);
  let offset = 0;
  for (const plan of plans) {
    header.string(plan.name);
    header.u32(plan.dims.length);
    for (const dim of plan.dims) header.u64(dim);
    header.u32(GGML_TYPE[plan.type]);
    header.u64(offset);
    offset += tensorBytes(plan);
    offset += (ALIGNMENT - (offset % ALIGNMENT)) % ALIGNMENT;
  }
  header.pad(ALIGNMENT);

  // Tensor by tensor, so a model of a real size never sits in memory whole.
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    const head = header.toBuffer();
    fs.writeSync(fd, head);
    bytes += head.length;
    for (const plan of plans) {
      const data = tensorData(plan, prng);
      fs.writeSync(fd, data);
      bytes += data.length;
      const padding = (ALIGNMENT - (data.length % ALIGNMENT)) % ALIGNMENT;
      if (padding > 0) {
        fs.writeSync(fd, Buffer.alloc(padding));
        bytes += padding;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  const parameters = plans.reduce((sum, plan) => sum + plan.dims.reduce((a, b) => a * b, 1), 0);
  return { path: file, bytes, vocabularySize, parameters, tensorType, shape };
}
