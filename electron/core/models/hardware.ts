import fs from 'node:fs';
import os from 'node:os';
import type { SpeechHardwarePlan } from '../../shared/models';

/** What the speech and drafting engines' defaults depend on. */
export interface HardwareDescription {
  /** Logical processors (what `os.availableParallelism()` says). */
  readonly cpuCount: number;
  /** Physical cores when known; otherwise guessed from `cpuCount`. */
  readonly physicalCores?: number | undefined;
  readonly totalMemBytes: number;
  /**
   * GPU backends the engine was built with and found (`cuda`, `metal`, `vulkan`, …): whisper.cpp's
   * system info for speech, node-llama-cpp's `llama.gpu` for drafting.
   */
  readonly gpuBackends: readonly string[];
  /** The GPU's memory (node-llama-cpp's `getVramState().total`), when known. */
  readonly gpuMemoryBytes?: number | undefined;
}

const GiB = 1024 ** 3;

/** whisper.cpp and llama.cpp gain little past 8 threads; more only contend for memory bandwidth. */
const MAX_THREADS = 8;

/** ggml backend names (as whisper.cpp prints them, either generation) to one spelling each. */
const GPU_BACKEND_NAMES: Readonly<Record<string, string>> = {
  cuda: 'cuda',
  metal: 'metal',
  mtl: 'metal',
  rocm: 'rocm',
  hip: 'rocm',
  hipblas: 'rocm',
  vulkan: 'vulkan',
  musa: 'musa',
  sycl: 'sycl',
  opencl: 'opencl',
  cann: 'cann',
};
/** When several are present, the one whisper.cpp is fastest with goes first. */
const GPU_PREFERENCE = ['cuda', 'metal', 'rocm', 'vulkan', 'musa', 'sycl', 'opencl', 'cann'];

/**
 * GPU backends named in the text of whisper.cpp's `whisper_print_system_info()`. Older builds
 * print flags (`CUDA = 1 | METAL = 0 | VULKAN = 1`); 1.8 and later print one section per backend
 * with its features (`CUDA : ARCHS = 890 | USE_GRAPHS = 1 |`, `MTL : EMBED_LIBRARY = 1 |`). In
 * 1.9.1 a backend that reports no features (Vulkan) does not appear at all, so a caller that can
 * list the engine's devices should pass those in `gpuBackends` too.
 */
export function gpuBackendsFromSystemInfo(systemInfo: string): string[] {
  const found = new Set<string>();
  for (const match of systemInfo.matchAll(/\b([A-Za-z_]+)\s*=\s*1\b/g)) {
    const name = GPU_BACKEND_NAMES[match[1]!.toLowerCase()];
    if (name) found.add(name);
  }
  for (const match of systemInfo.matchAll(/(?:^|\|)\s*([A-Za-z_]+)\s*:/g)) {
    const name = GPU_BACKEND_NAMES[match[1]!.toLowerCase()];
    if (name) found.add(name);
  }
  return GPU_PREFERENCE.filter((name) => found.has(name));
}

/**
 * Threads, GPU and a model for this workstation.
 *
 * Threads: {@link engineThreads}.
 *
 * Model: Persian needs at least `small`; `tiny` and `base` are for weak machines only. Measured on
 * a 2-core PC with 2 threads, 60 s of audio took 1.0 s (tiny), 2.0 s (base) and 8 s (small);
 * medium's encoder costs about 3.6 times small's and large's (also large-v3-turbo's) about 7 times,
 * which is slower than real time on 2 cores. So: a GPU with 8 GB of RAM runs large-v3-turbo; four
 * or more threads (five or more cores) with 8 GB run it on the CPU (about 0.4 of real time on 5
 * threads); two or three threads run small; a single thread or under 4 GB of RAM runs base. The
 * 5-bit builds are used throughout: a third of the memory for nearly the same accuracy, which
 * leaves room for the language model that drafts the note.
 */
export function planSpeechHardware(hardware: HardwareDescription): SpeechHardwarePlan {
  const threads = engineThreads(hardware);
  const gpuBackend = gpuBackendOf(hardware);
  const memGiB = hardware.totalMemBytes / GiB;
  const machine = describeMachine(hardware);
  const plan = (
    recommendedModelId: string,
    rule: SpeechHardwarePlan['rule'],
    why: string,
  ): SpeechHardwarePlan => ({
    threads,
    useGpu: gpuBackend !== null,
    gpuBackend,
    recommendedModelId,
    rule,
    reason: `${machine}: ${why}`,
  });

  if (memGiB < 4) {
    return plan('base-q5_1', 'low_memory', 'under 4 GiB of RAM leaves room only for base');
  }
  if (gpuBackend !== null && memGiB >= 8) {
    return plan('large-v3-turbo-q5_0', 'gpu', 'the GPU runs large-v3-turbo faster than real time');
  }
  if (threads <= 1) {
    return plan('base-q5_1', 'few_cores', 'one thread keeps up with live audio only with base');
  }
  if (threads <= 3) {
    return plan(
      'small-q5_1',
      'dual_core',
      'small transcribes 60 s in about 8 s on 2 threads, fast enough for live 30 s chunks; ' +
        'medium and large are slower than real time on so few cores',
    );
  }
  if (memGiB >= 8) {
    return plan(
      'large-v3-turbo-q5_0',
      'many_cores',
      'enough cores for large-v3-turbo at about half of real time',
    );
  }
  return plan('small-q5_1', 'low_memory', 'under 8 GiB of RAM: small leaves room for drafting');
}

/** Physical cores: as given, else guessed from the logical processors. */
export function physicalCoresOf(hardware: HardwareDescription): number {
  const logical = Math.max(1, Math.floor(hardware.cpuCount));
  return Math.max(1, Math.floor(hardware.physicalCores ?? guessPhysicalCores(logical)));
}

/**
 * Threads for an inference engine (whisper.cpp or llama.cpp). Both scale with physical cores, not
 * hyper-threads, and the UI and the recorder need a core of their own once there are more than
 * two: one per physical core, minus one above two cores, at most {@link MAX_THREADS}.
 */
export function engineThreads(hardware: HardwareDescription): number {
  const physical = physicalCoresOf(hardware);
  return Math.min(MAX_THREADS, physical > 2 ? physical - 1 : physical);
}

/** The best GPU backend present, in one spelling; null on the CPU. */
export function gpuBackendOf(hardware: HardwareDescription): string | null {
  const gpus = GPU_PREFERENCE.filter((name) =>
    hardware.gpuBackends.some((given) => GPU_BACKEND_NAMES[given.toLowerCase()] === name),
  );
  return gpus[0] ?? null;
}

/** `2 threads on 2 cores, 7.7 GiB RAM, no GPU backend`: the machine as a plan's reason says it. */
export function describeMachine(hardware: HardwareDescription): string {
  const threads = engineThreads(hardware);
  const physical = physicalCoresOf(hardware);
  const gpuBackend = gpuBackendOf(hardware);
  const memGiB = hardware.totalMemBytes / GiB;
  return (
    `${threads} thread${threads === 1 ? '' : 's'} on ${physical} core${physical === 1 ? '' : 's'}` +
    `${hardware.physicalCores === undefined ? ' (guessed)' : ''}, ${memGiB.toFixed(1)} GiB RAM, ` +
    (gpuBackend
      ? `GPU backend ${gpuBackend}` +
        (hardware.gpuMemoryBytes === undefined
          ? ''
          : ` with ${(hardware.gpuMemoryBytes / GiB).toFixed(1)} GiB`)
      : 'no GPU backend')
  );
}

/**
 * Without a better source, assume two-way hyper-threading on machines with four or more logical
 * processors (typical office PCs: 2 cores/4 threads, 4/8, 6/12); two or fewer are real cores.
 */
function guessPhysicalCores(logical: number): number {
  return logical >= 4 && logical % 2 === 0 ? logical / 2 : logical;
}

export interface HardwareSources {
  readonly availableParallelism?: () => number;
  readonly totalmem?: () => number;
  /** Text of /proc/cpuinfo; read on Linux when not given. */
  readonly cpuinfo?: string | undefined;
}

/**
 * This machine's description: processors and memory from `os`, physical cores from /proc/cpuinfo
 * on Linux (elsewhere they are guessed), GPU backends from the speech engine's system info text.
 */
export function readHardware(
  systemInfo: string,
  sources: HardwareSources = {},
): HardwareDescription {
  const cpuinfo =
    sources.cpuinfo ?? (process.platform === 'linux' ? readQuietly('/proc/cpuinfo') : undefined);
  return {
    cpuCount: (sources.availableParallelism ?? os.availableParallelism)(),
    physicalCores: cpuinfo === undefined ? undefined : physicalCoresFromCpuinfo(cpuinfo),
    totalMemBytes: (sources.totalmem ?? os.totalmem)(),
    gpuBackends: gpuBackendsFromSystemInfo(systemInfo),
  };
}

/** Distinct (physical id, core id) pairs; undefined when the file does not say (some VMs, ARM). */
export function physicalCoresFromCpuinfo(cpuinfo: string): number | undefined {
  const cores = new Set<string>();
  for (const block of cpuinfo.split(/\n\s*\n/)) {
    const socket = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1];
    const core = /^core id\s*:\s*(\d+)/m.exec(block)?.[1];
    if (socket !== undefined && core !== undefined) cores.add(`${socket}:${core}`);
  }
  return cores.size > 0 ? cores.size : undefined;
}

function readQuietly(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
