import { describe, expect, it } from 'vitest';
import {
  gpuBackendsFromSystemInfo,
  physicalCoresFromCpuinfo,
  planSpeechHardware,
  readHardware,
  type HardwareDescription,
} from './hardware';

const GiB = 1024 ** 3;
const cpu = (
  cpuCount: number,
  memGiB: number,
  more: Partial<HardwareDescription> = {},
): HardwareDescription => ({ cpuCount, totalMemBytes: memGiB * GiB, gpuBackends: [], ...more });

describe('speech threads', () => {
  it('uses every core up to two, and leaves one for the UI above that', () => {
    expect(planSpeechHardware(cpu(1, 8)).threads).toBe(1);
    expect(planSpeechHardware(cpu(2, 8)).threads).toBe(2);
    expect(planSpeechHardware(cpu(3, 8)).threads).toBe(2);
    expect(planSpeechHardware(cpu(6, 8, { physicalCores: 6 })).threads).toBe(5);
  });

  it('counts physical cores, not hyper-threads', () => {
    expect(planSpeechHardware(cpu(8, 16, { physicalCores: 4 })).threads).toBe(3);
    // Unknown: 4 logical processors are taken as 2 cores with hyper-threading.
    expect(planSpeechHardware(cpu(4, 8)).threads).toBe(2);
    expect(planSpeechHardware(cpu(12, 16)).threads).toBe(5);
  });

  it('stops at 8 threads', () => {
    expect(planSpeechHardware(cpu(64, 128, { physicalCores: 32 })).threads).toBe(8);
  });
});

describe('recommended speech model', () => {
  it('2 cores and 8 GB: small, quantised (live 30 s chunks on 2 threads)', () => {
    const plan = planSpeechHardware(cpu(2, 8));
    expect(plan).toMatchObject({
      recommendedModelId: 'small-q5_1',
      rule: 'dual_core',
      useGpu: false,
      gpuBackend: null,
    });
    expect(plan.reason).toContain('2 threads on 2 cores');
  });

  it('a single core or little memory: base', () => {
    expect(planSpeechHardware(cpu(1, 8))).toMatchObject({
      recommendedModelId: 'base-q5_1',
      rule: 'few_cores',
    });
    expect(planSpeechHardware(cpu(4, 3))).toMatchObject({
      recommendedModelId: 'base-q5_1',
      rule: 'low_memory',
    });
  });

  it('many cores and memory, or a GPU: large-v3-turbo', () => {
    expect(planSpeechHardware(cpu(12, 16, { physicalCores: 6 }))).toMatchObject({
      recommendedModelId: 'large-v3-turbo-q5_0',
      rule: 'many_cores',
      useGpu: false,
    });
    expect(planSpeechHardware(cpu(4, 16, { gpuBackends: ['CUDA'] }))).toMatchObject({
      recommendedModelId: 'large-v3-turbo-q5_0',
      rule: 'gpu',
      useGpu: true,
      gpuBackend: 'cuda',
    });
  });

  it('a quad-core stays on small; many cores with little memory too', () => {
    expect(planSpeechHardware(cpu(4, 16, { physicalCores: 4 })).recommendedModelId).toBe(
      'small-q5_1',
    );
    expect(planSpeechHardware(cpu(12, 6, { physicalCores: 6 }))).toMatchObject({
      recommendedModelId: 'small-q5_1',
      rule: 'low_memory',
    });
  });

  it('a GPU with little memory still uses the GPU, with a smaller model', () => {
    expect(planSpeechHardware(cpu(2, 6, { gpuBackends: ['vulkan'] }))).toMatchObject({
      useGpu: true,
      gpuBackend: 'vulkan',
      recommendedModelId: 'small-q5_1',
    });
  });
});

describe('GPU backends from whisper.cpp system info', () => {
  it('finds none in this CPU-only build (whisper.cpp 1.9.1 as built here)', () => {
    const info =
      'WHISPER : COREML = 0 | OPENVINO = 0 | CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | ' +
      'F16C = 1 | FMA = 1 | BMI2 = 1 | AVX512 = 1 | REPACK = 1 | ';
    expect(gpuBackendsFromSystemInfo(info)).toEqual([]);
  });

  it('reads the section per backend that whisper.cpp 1.8+ prints', () => {
    expect(
      gpuBackendsFromSystemInfo(
        'WHISPER : COREML = 0 | OPENVINO = 0 | CUDA : ARCHS = 520,610,700,750 | USE_GRAPHS = 1 | ' +
          'PEER_MAX_BATCH_SIZE = 128 | CPU : SSE3 = 1 | AVX2 = 1 | ',
      ),
    ).toEqual(['cuda']);
    expect(
      gpuBackendsFromSystemInfo(
        'WHISPER : COREML = 1 | MTL : EMBED_LIBRARY = 1 | CPU : NEON = 1 |',
      ),
    ).toEqual(['metal']);
  });

  it('reads the flags older builds print, best backend first', () => {
    expect(
      gpuBackendsFromSystemInfo(
        'AVX = 1 | AVX2 = 1 | FMA = 1 | NEON = 0 | METAL = 0 | VULKAN = 1 | CUDA = 1 | COREML = 0 | OPENVINO = 0',
      ),
    ).toEqual(['cuda', 'vulkan']);
  });
});

describe('reading this machine', () => {
  const cpuinfo = (cores: [socket: number, core: number][]) =>
    cores
      .map(([s, c], i) => `processor\t: ${i}\nphysical id\t: ${s}\ncore id\t\t: ${c}\n`)
      .join('\n');

  it('counts physical cores in /proc/cpuinfo, hyper-threads once', () => {
    expect(
      physicalCoresFromCpuinfo(
        cpuinfo([
          [0, 0],
          [0, 1],
          [0, 0],
          [0, 1],
        ]),
      ),
    ).toBe(2);
    expect(physicalCoresFromCpuinfo('processor\t: 0\nBogoMIPS\t: 48.00\n')).toBeUndefined();
  });

  it('combines os figures, cpuinfo and the engine text', () => {
    const hardware = readHardware('CUDA : ARCHS = 890 |', {
      availableParallelism: () => 8,
      totalmem: () => 16 * GiB,
      cpuinfo: cpuinfo([
        [0, 0],
        [0, 1],
        [0, 2],
        [0, 3],
      ]),
    });
    expect(hardware).toEqual({
      cpuCount: 8,
      physicalCores: 4,
      totalMemBytes: 16 * GiB,
      gpuBackends: ['cuda'],
    });
    expect(readHardware('').cpuCount).toBeGreaterThan(0);
  });
});
