import type { SettingsService } from '../settings/settings-service';
import { estimateDraftSeconds, TYPICAL_VISIT } from '../models/drafting-hardware';
import { chooseDraftingModel, type DraftingModelChoice } from '../models/drafting-models';
import { findModel } from '../models/manifest';
import { isLlmEntry } from '../../shared/models';
import type { SpeechStack } from '../transcription/speech-stack';
import type { LlmDrafter } from './drafting-service';
import { draftWithLlm, regenerateSection } from './llm/draft';
import type { LlmModelOptions } from './llm/engine-client';

/** Layers offloaded when the whole model fits the GPU (more than any supported model has). */
const ALL_LAYERS = 999;

/**
 * The local LLM as drafting uses it: the model the hardware plan and the `drafting.model`
 * setting choose among those installed (hash-checked by the model store), run in the same engine
 * process as speech.
 */
export function engineLlmDrafter(speech: SpeechStack, settings: SettingsService): LlmDrafter {
  async function chosen(): Promise<DraftingModelChoice> {
    const store = speech.models;
    if (!store) return { ok: false, blocker: 'no_model', detail: 'this program runs no engine' };
    return chooseDraftingModel({
      store,
      manifest: speech.manifest,
      hardware: speech.hardware(),
      wanted: settings.get('drafting.model'),
    });
  }

  function engineReason(): string | null {
    if (!speech.engine) return 'this program runs no engine';
    const llm = speech.engine.ready?.engines.llm;
    return llm && !llm.available ? llm.reason : null;
  }

  async function model(): Promise<{ id: string; options: LlmModelOptions }> {
    const choice = await chosen();
    if (!choice.ok) throw new Error(`no drafting model: ${choice.detail}`);
    const { runtime } = choice;
    const gpuLayers =
      runtime.gpuLayers === 'max'
        ? ALL_LAYERS
        : runtime.gpuLayers === 'auto'
          ? undefined
          : runtime.gpuLayers;
    return {
      id: choice.id,
      options: {
        path: choice.path,
        contextSize: runtime.contextSize,
        threads: runtime.threads,
        ...(runtime.useGpu && gpuLayers !== undefined ? { gpuLayers } : {}),
      },
    };
  }

  return {
    async choose() {
      const reason = engineReason();
      if (reason !== null) return { ok: false, reason: 'engine_unavailable', detail: reason };
      const choice = await chosen();
      if (!choice.ok) return { ok: false, reason: choice.blocker, detail: choice.detail };
      return { ok: true, modelId: choice.id, modelName: choice.entry.fileName };
    },
    estimateSeconds(modelId, promptTokens) {
      const entry = findModel(speech.manifest, modelId);
      if (!entry || !isLlmEntry(entry)) return 0;
      return estimateDraftSeconds(
        entry,
        speech.hardware(),
        promptTokens,
        TYPICAL_VISIT.outputTokens,
      );
    },
    async draft(segments, options) {
      const { id, options: modelOptions } = await model();
      const result = await draftWithLlm(segments, {
        host: speech.engine!,
        model: modelOptions,
        template: {
          prompt: options.templatePrompt,
          ...(options.sections ? { sections: options.sections } : {}),
        },
        signal: options.signal,
        onProgress: options.onProgress,
      });
      return {
        content: result.content,
        aiConfidence: result.aiConfidence,
        parts: Math.max(1, result.parts),
        tokensIn: result.tokensIn,
        tokensOut: result.tokensOut,
        modelId: id,
      };
    },
    async section(section, segments, current, options) {
      const { id, options: modelOptions } = await model();
      const result = await regenerateSection(segments, {
        host: speech.engine!,
        model: modelOptions,
        section,
        current,
        template: { prompt: options.templatePrompt },
        signal: options.signal,
        onProgress: options.onProgress,
      });
      return {
        text: result.text,
        tokensIn: result.tokensIn,
        tokensOut: result.tokensOut,
        modelId: id,
      };
    },
  };
}
