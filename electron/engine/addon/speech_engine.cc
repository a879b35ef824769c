// HELSSA speech engine: a small Node-API addon over whisper.cpp's C API.
//
// JavaScript surface (typed in electron/engine/speech/whisper-addon.ts):
//   loadModel(path, { useGpu? }) -> Promise<Model>         loads on a worker thread
//   Model#transcribe(pcm, options, onProgress?, onSegment?) -> { promise, abort }
//   Model#abort(), Model#free(), Model#info()
//   whisperVersion(), systemInfo()
//
// Everything heavy (model load, whisper_full) runs on libuv worker threads; progress and new
// segments reach JS through AsyncProgressQueueWorker. Abort uses whisper.cpp's abort_callback (checked
// between graph nodes and decoding steps) so a running job stops within milliseconds and the context
// stays usable. A model file is checked structurally before whisper.cpp sees it, because
// whisper.cpp's loader does not check its reads (a truncated file could make it read garbage).

#include <napi.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ggml-backend.h"
#include "ggml.h"
#include "whisper.h"

#ifndef HELSSA_WHISPER_VERSION
#define HELSSA_WHISPER_VERSION "unknown"
#endif

namespace {

// --- Logging ---------------------------------------------------------------------------------------
// whisper.cpp and ggml log through one global callback. Errors are kept per thread so a failed load
// or transcription can say why; the rest is dropped unless HELSSA_WHISPER_LOG is set.

thread_local std::string t_last_error;
bool g_verbose_log = false;

void LogCallback(ggml_log_level level, const char* text, void* /*user_data*/) {
  if (level == GGML_LOG_LEVEL_ERROR && text != nullptr) {
    std::string message(text);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    if (!message.empty()) t_last_error = message;
  }
  if (g_verbose_log && text != nullptr) fputs(text, stderr);
}

std::string TakeLastError() {
  std::string message;
  message.swap(t_last_error);
  return message;
}

// --- Model file check --------------------------------------------------------------------------------

constexpr uint32_t kGgmlMagic = 0x67676d6c;  // "ggml" as a little-endian uint32

struct FileCloser {
  void operator()(FILE* file) const {
    if (file != nullptr) fclose(file);
  }
};

bool InRange(int64_t value, int64_t low, int64_t high) { return value >= low && value <= high; }

// Walks the file the way whisper.cpp's whisper_model_load reads it (hyperparameters, mel filters,
// vocabulary, tensors) without loading anything. Returns an empty string when the layout is sound.
std::string CheckModelFile(const std::string& path) {
  std::unique_ptr<FILE, FileCloser> file(fopen(path.c_str(), "rb"));
  if (!file) return "cannot open the model file: " + std::string(strerror(errno));
  if (fseeko(file.get(), 0, SEEK_END) != 0) return "cannot read the model file";
  const int64_t size = ftello(file.get());
  if (size < 0) return "cannot read the model file";
  if (fseeko(file.get(), 0, SEEK_SET) != 0) return "cannot read the model file";

  int64_t position = 0;
  auto read_exact = [&](void* out, size_t bytes) {
    if (fread(out, 1, bytes, file.get()) != bytes) return false;
    position += static_cast<int64_t>(bytes);
    return true;
  };
  auto skip = [&](int64_t bytes) {
    if (bytes < 0 || position + bytes > size) return false;
    position += bytes;
    return fseeko(file.get(), position, SEEK_SET) == 0;
  };
  auto read_i32 = [&](int32_t& out) { return read_exact(&out, sizeof(out)); };
  const std::string truncated = "the model file is truncated or corrupt";

  uint32_t magic = 0;
  if (!read_exact(&magic, sizeof(magic))) return "the model file is empty or too short";
  if (magic != kGgmlMagic) {
    if (memcmp(&magic, "GGUF", 4) == 0) {
      return "the model file is GGUF; the speech engine needs a whisper.cpp ggml model (ggml-*.bin)";
    }
    return "not a whisper.cpp ggml model (bad magic)";
  }

  int32_t h[11];
  for (int32_t& value : h) {
    if (!read_i32(value)) return truncated;
  }
  const int32_t n_vocab = h[0], n_audio_ctx = h[1], n_audio_state = h[2], n_audio_head = h[3],
                n_audio_layer = h[4], n_text_ctx = h[5], n_text_state = h[6], n_text_head = h[7],
                n_text_layer = h[8], n_mels = h[9], ftype = h[10];
  const bool sane = InRange(n_vocab, 1, 1 << 20) && InRange(n_audio_ctx, 1, 1 << 16) &&
                    InRange(n_audio_state, 1, 1 << 16) && InRange(n_audio_head, 1, 1024) &&
                    InRange(n_audio_layer, 1, 256) && InRange(n_text_ctx, 1, 1 << 16) &&
                    InRange(n_text_state, 1, 1 << 16) && InRange(n_text_head, 1, 1024) &&
                    InRange(n_text_layer, 1, 256) && InRange(n_mels, 1, 1024) &&
                    n_audio_state == n_text_state && n_audio_state % n_audio_head == 0 &&
                    n_text_state % n_text_head == 0 && InRange(ftype % GGML_QNT_VERSION_FACTOR, 0, 64);
  if (!sane) return "the model file has invalid hyperparameters (corrupt or not a whisper model)";

  int32_t n_mel = 0, n_fft = 0;
  if (!read_i32(n_mel) || !read_i32(n_fft)) return truncated;
  if (!InRange(n_mel, 1, 1024) || !InRange(n_fft, 1, 1 << 16)) {
    return "the model file has an invalid mel filter bank";
  }
  if (!skip(static_cast<int64_t>(n_mel) * n_fft * 4)) return truncated;

  int32_t vocab_words = 0;
  if (!read_i32(vocab_words)) return truncated;
  if (!InRange(vocab_words, 0, 1 << 20)) return "the model file has an invalid vocabulary";
  for (int32_t i = 0; i < vocab_words; ++i) {
    int32_t length = 0;
    if (!read_i32(length)) return truncated;
    if (!InRange(length, 0, 1 << 20)) return "the model file has an invalid vocabulary";
    if (!skip(length)) return truncated;
  }

  // Tensors: none at all is whisper.cpp's "empty model for testing"; otherwise each must be whole.
  while (position < size) {
    int32_t n_dims = 0, name_length = 0, ttype = 0;
    if (!read_i32(n_dims) || !read_i32(name_length) || !read_i32(ttype)) return truncated;
    if (!InRange(n_dims, 1, 4) || !InRange(name_length, 1, 1024) ||
        !InRange(ttype, 0, GGML_TYPE_COUNT - 1) || ggml_blck_size(static_cast<ggml_type>(ttype)) <= 0 ||
        ggml_type_size(static_cast<ggml_type>(ttype)) == 0) {
      return "the model file has an invalid tensor header (corrupt)";
    }
    int64_t ne[4] = {1, 1, 1, 1};
    for (int32_t d = 0; d < n_dims; ++d) {
      int32_t value = 0;
      if (!read_i32(value)) return truncated;
      if (!InRange(value, 1, 1 << 24)) return "the model file has an invalid tensor shape (corrupt)";
      ne[d] = value;
    }
    if (!skip(name_length)) return truncated;
    const auto type = static_cast<ggml_type>(ttype);
    if (ne[0] % ggml_blck_size(type) != 0) return "the model file has an invalid tensor shape (corrupt)";
    const int64_t bytes = static_cast<int64_t>(ggml_row_size(type, ne[0])) * ne[1] * ne[2] * ne[3];
    if (!skip(bytes)) return truncated;
  }
  return "";
}

// --- Per-addon data ------------------------------------------------------------------------------

struct AddonData {
  Napi::FunctionReference model_constructor;
};

// --- Model ---------------------------------------------------------------------------------------

class TranscribeWorker;

class Model : public Napi::ObjectWrap<Model> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Model",
                       {
                           InstanceMethod<&Model::Transcribe>("transcribe"),
                           InstanceMethod<&Model::Abort>("abort"),
                           InstanceMethod<&Model::Free>("free"),
                           InstanceMethod<&Model::Info>("info"),
                       });
  }

  explicit Model(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Model>(info) {
    if (info.Length() < 2 || !info[0].IsExternal() || !info[1].IsString()) {
      throw Napi::TypeError::New(info.Env(), "Model cannot be constructed directly; use loadModel()");
    }
    ctx_ = info[0].As<Napi::External<whisper_context>>().Data();
    path_ = info[1].As<Napi::String>().Utf8Value();
  }

  ~Model() override { Release(); }

  whisper_context* context() const { return ctx_; }

  // Called on the main thread when a job settles.
  void JobFinished() {
    busy_ = false;
    job_abort_.reset();
    if (free_pending_) Release();
  }

 private:
  Napi::Value Transcribe(const Napi::CallbackInfo& info);

  Napi::Value Abort(const Napi::CallbackInfo& info) {
    const bool running = busy_ && job_abort_;
    if (running) job_abort_->store(true);
    return Napi::Boolean::New(info.Env(), running);
  }

  // Frees the model now, or (if a job runs) aborts the job and frees the model when it settles.
  Napi::Value Free(const Napi::CallbackInfo& info) {
    if (busy_) {
      free_pending_ = true;
      if (job_abort_) job_abort_->store(true);
    } else {
      Release();
    }
    return info.Env().Undefined();
  }

  Napi::Value Info(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object out = Napi::Object::New(env);
    out.Set("path", path_);
    out.Set("loaded", ctx_ != nullptr && !free_pending_);
    out.Set("busy", busy_);
    if (ctx_ != nullptr) {
      out.Set("type", whisper_model_type_readable(ctx_));
      out.Set("multilingual", whisper_is_multilingual(ctx_) != 0);
      out.Set("vocabularySize", whisper_model_n_vocab(ctx_));
      out.Set("audioLayers", whisper_model_n_audio_layer(ctx_));
      out.Set("audioState", whisper_model_n_audio_state(ctx_));
      out.Set("textLayers", whisper_model_n_text_layer(ctx_));
      out.Set("mels", whisper_model_n_mels(ctx_));
    }
    return out;
  }

  void Release() {
    if (ctx_ != nullptr) {
      whisper_free(ctx_);
      ctx_ = nullptr;
    }
  }

  whisper_context* ctx_ = nullptr;
  std::string path_;
  bool busy_ = false;
  bool free_pending_ = false;
  std::shared_ptr<std::atomic<bool>> job_abort_;

  friend class TranscribeWorker;
};

// --- loadModel -----------------------------------------------------------------------------------

class LoadWorker : public Napi::AsyncWorker {
 public:
  LoadWorker(Napi::Env env, std::string path, bool use_gpu)
      : Napi::AsyncWorker(env, "helssa:speech:load"),
        deferred_(Napi::Promise::Deferred::New(env)),
        path_(std::move(path)),
        use_gpu_(use_gpu) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    const std::string problem = CheckModelFile(path_);
    if (!problem.empty()) {
      SetError(problem);
      return;
    }
    whisper_context_params params = whisper_context_default_params();
    params.use_gpu = use_gpu_;
    TakeLastError();
    ctx_ = whisper_init_from_file_with_params(path_.c_str(), params);
    if (ctx_ == nullptr) {
      const std::string reason = TakeLastError();
      SetError("whisper.cpp could not load the model" + (reason.empty() ? std::string() : ": " + reason));
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    auto* data = env.GetInstanceData<AddonData>();
    whisper_context* ctx = ctx_;
    ctx_ = nullptr;
    try {
      Napi::Object model = data->model_constructor.New(
          {Napi::External<whisper_context>::New(env, ctx), Napi::String::New(env, path_)});
      deferred_.Resolve(model);
    } catch (const Napi::Error& error) {
      whisper_free(ctx);
      deferred_.Reject(error.Value());
    }
  }

  void OnError(const Napi::Error& error) override {
    Napi::Error out = Napi::Error::New(Env(), error.Message());
    out.Set("code", "MODEL_LOAD_FAILED");
    out.Set("path", path_);
    deferred_.Reject(out.Value());
  }

  ~LoadWorker() override {
    if (ctx_ != nullptr) whisper_free(ctx_);
  }

 private:
  Napi::Promise::Deferred deferred_;
  std::string path_;
  bool use_gpu_;
  whisper_context* ctx_ = nullptr;
};

// --- transcribe ----------------------------------------------------------------------------------

struct Segment {
  int index = 0;
  int64_t t0_ms = 0;
  int64_t t1_ms = 0;
  std::string text;
  double confidence = 0;
};

struct Event {
  int kind = 0;  // 0 progress, 1 segment
  int progress = 0;
  Segment segment;
};

Segment ReadSegment(whisper_context* ctx, int i) {
  Segment segment;
  segment.index = i;
  segment.t0_ms = whisper_full_get_segment_t0(ctx, i) * 10;
  segment.t1_ms = whisper_full_get_segment_t1(ctx, i) * 10;
  const char* text = whisper_full_get_segment_text(ctx, i);
  segment.text = text != nullptr ? text : "";
  const whisper_token eot = whisper_token_eot(ctx);
  const int n_tokens = whisper_full_n_tokens(ctx, i);
  double sum = 0;
  int count = 0;
  for (int t = 0; t < n_tokens; ++t) {
    if (whisper_full_get_token_id(ctx, i, t) >= eot) continue;  // special and timestamp tokens
    sum += whisper_full_get_token_p(ctx, i, t);
    ++count;
  }
  segment.confidence = count > 0 ? sum / count : 0;
  return segment;
}

struct TranscribeOptions {
  std::string language = "fa";
  std::string initial_prompt;
  int threads = 4;
  bool no_timestamps = false;
  bool vad = false;
  std::string vad_model_path;
  whisper_vad_params vad_params = whisper_vad_default_params();
};

class TranscribeWorker : public Napi::AsyncProgressQueueWorker<Event> {
 public:
  TranscribeWorker(Napi::Env env, Model* model, Napi::Object model_object, std::vector<float> pcm,
                   TranscribeOptions options, std::shared_ptr<std::atomic<bool>> abort_flag)
      : Napi::AsyncProgressQueueWorker<Event>(env, "helssa:speech:transcribe"),
        deferred_(Napi::Promise::Deferred::New(env)),
        model_(model),
        pcm_(std::move(pcm)),
        options_(std::move(options)),
        abort_(std::move(abort_flag)),
        ctx_(model->context()) {
    model_ref_ = Napi::Persistent(model_object);  // keeps the Model alive while the job runs
  }

  void SetCallbacks(Napi::Value on_progress, Napi::Value on_segment) {
    if (on_progress.IsFunction()) on_progress_ = Napi::Persistent(on_progress.As<Napi::Function>());
    if (on_segment.IsFunction()) on_segment_ = Napi::Persistent(on_segment.As<Napi::Function>());
  }

  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute(const ExecutionProgress& progress) override {
    const auto started = std::chrono::steady_clock::now();
    progress_ = &progress;

    whisper_full_params params = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
    params.n_threads = options_.threads;
    params.language = options_.language.c_str();
    params.detect_language = false;
    params.translate = false;
    params.no_timestamps = options_.no_timestamps;
    params.initial_prompt = options_.initial_prompt.empty() ? nullptr : options_.initial_prompt.c_str();
    params.print_progress = false;
    params.print_realtime = false;
    params.print_special = false;
    params.print_timestamps = false;
    params.progress_callback = &TranscribeWorker::OnWhisperProgress;
    params.progress_callback_user_data = this;
    params.new_segment_callback = &TranscribeWorker::OnWhisperSegment;
    params.new_segment_callback_user_data = this;
    params.abort_callback = &TranscribeWorker::ShouldAbort;
    params.abort_callback_user_data = this;
    params.encoder_begin_callback = [](whisper_context*, whisper_state*, void* self) {
      return !ShouldAbort(self);
    };
    params.encoder_begin_callback_user_data = this;
    if (options_.vad) {
      params.vad = true;
      params.vad_model_path = options_.vad_model_path.c_str();
      params.vad_params = options_.vad_params;
    }

    TakeLastError();
    const int rc = whisper_full(ctx_, params, pcm_.data(), static_cast<int>(pcm_.size()));
    aborted_ = abort_->load();
    if (rc != 0 && !aborted_) {
      const std::string reason = TakeLastError();
      SetError("transcription failed (whisper_full returned " + std::to_string(rc) + ")" +
               (reason.empty() ? std::string() : ": " + reason));
      return;
    }
    if (rc == 0) {
      const int n = whisper_full_n_segments(ctx_);
      segments_.reserve(n);
      for (int i = 0; i < n; ++i) segments_.push_back(ReadSegment(ctx_, i));
      const int lang_id = whisper_full_lang_id(ctx_);
      const char* lang = lang_id >= 0 ? whisper_lang_str(lang_id) : nullptr;
      language_ = lang != nullptr ? lang : "";
    }
    elapsed_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    progress_ = nullptr;
  }

  void OnProgress(const Event* events, size_t count) override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    for (size_t i = 0; i < count; ++i) {
      const Event& event = events[i];
      Napi::FunctionReference& callback = event.kind == 0 ? on_progress_ : on_segment_;
      if (callback.IsEmpty() || callback_failed_) continue;
      try {
        if (event.kind == 0) {
          callback.Call({Napi::Number::New(env, event.progress)});
        } else {
          callback.Call({SegmentToJs(env, event.segment)});
        }
      } catch (const Napi::Error& error) {
        // A throwing callback stops the job; the promise rejects with that error.
        callback_failed_ = true;
        callback_error_ = Napi::Reference<Napi::Value>::New(error.Value(), 1);
        abort_->store(true);
      }
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    model_->JobFinished();
    if (callback_failed_) {
      deferred_.Reject(callback_error_.Value());
      return;
    }
    Napi::Object result = Napi::Object::New(env);
    result.Set("aborted", aborted_);
    Napi::Array segments = Napi::Array::New(env, segments_.size());
    std::string text;
    for (size_t i = 0; i < segments_.size(); ++i) {
      segments.Set(static_cast<uint32_t>(i), SegmentToJs(env, segments_[i]));
      text += segments_[i].text;
    }
    result.Set("segments", segments);
    result.Set("text", text);
    result.Set("language", language_);
    result.Set("elapsedMs", elapsed_ms_);
    result.Set("audioMs", static_cast<double>(pcm_.size()) / WHISPER_SAMPLE_RATE * 1000.0);
    deferred_.Resolve(result);
  }

  void OnError(const Napi::Error& error) override {
    model_->JobFinished();
    if (callback_failed_) {
      deferred_.Reject(callback_error_.Value());
      return;
    }
    Napi::Error out = Napi::Error::New(Env(), error.Message());
    out.Set("code", "TRANSCRIPTION_FAILED");
    deferred_.Reject(out.Value());
  }

 private:
  static Napi::Object SegmentToJs(Napi::Env env, const Segment& segment) {
    Napi::Object out = Napi::Object::New(env);
    out.Set("index", segment.index);
    out.Set("t0", static_cast<double>(segment.t0_ms));
    out.Set("t1", static_cast<double>(segment.t1_ms));
    out.Set("text", segment.text);
    out.Set("confidence", segment.confidence);
    return out;
  }

  static bool ShouldAbort(void* self) { return static_cast<TranscribeWorker*>(self)->abort_->load(); }

  static void OnWhisperProgress(whisper_context*, whisper_state*, int progress, void* self) {
    auto* worker = static_cast<TranscribeWorker*>(self);
    if (worker->progress_ == nullptr) return;
    Event event;
    event.kind = 0;
    event.progress = progress < 0 ? 0 : (progress > 100 ? 100 : progress);  // whisper.cpp overshoots on the last window
    worker->progress_->Send(&event, 1);
  }

  static void OnWhisperSegment(whisper_context* ctx, whisper_state*, int n_new, void* self) {
    auto* worker = static_cast<TranscribeWorker*>(self);
    if (worker->progress_ == nullptr) return;
    const int n = whisper_full_n_segments(ctx);
    for (int i = n - n_new; i < n; ++i) {
      Event event;
      event.kind = 1;
      event.segment = ReadSegment(ctx, i);
      worker->progress_->Send(&event, 1);
    }
  }

  Napi::Promise::Deferred deferred_;
  Model* model_;
  Napi::ObjectReference model_ref_;
  Napi::FunctionReference on_progress_;
  Napi::FunctionReference on_segment_;
  Napi::Reference<Napi::Value> callback_error_;
  bool callback_failed_ = false;
  std::vector<float> pcm_;
  TranscribeOptions options_;
  std::shared_ptr<std::atomic<bool>> abort_;
  whisper_context* ctx_;
  const ExecutionProgress* progress_ = nullptr;
  std::vector<Segment> segments_;
  std::string language_;
  bool aborted_ = false;
  double elapsed_ms_ = 0;
};

template <typename T>
T OptionNumber(const Napi::Object& object, const char* key, T fallback) {
  if (!object.Has(key)) return fallback;
  Napi::Value value = object.Get(key);
  if (value.IsUndefined()) return fallback;
  if (!value.IsNumber()) throw Napi::TypeError::New(object.Env(), std::string(key) + " must be a number");
  return static_cast<T>(value.As<Napi::Number>().DoubleValue());
}

std::string OptionString(const Napi::Object& object, const char* key, const std::string& fallback) {
  if (!object.Has(key)) return fallback;
  Napi::Value value = object.Get(key);
  if (value.IsUndefined() || value.IsNull()) return fallback;
  if (!value.IsString()) throw Napi::TypeError::New(object.Env(), std::string(key) + " must be a string");
  return value.As<Napi::String>().Utf8Value();
}

TranscribeOptions ParseOptions(Napi::Env env, Napi::Value value) {
  TranscribeOptions options;
  const unsigned hardware = std::thread::hardware_concurrency();
  options.threads = static_cast<int>(hardware == 0 ? 4 : (hardware < 4 ? hardware : 4));
  if (value.IsUndefined() || value.IsNull()) return options;
  if (!value.IsObject()) throw Napi::TypeError::New(env, "options must be an object");
  Napi::Object object = value.As<Napi::Object>();
  options.language = OptionString(object, "language", options.language);
  if (options.language != "auto" && whisper_lang_id(options.language.c_str()) < 0) {
    throw Napi::TypeError::New(env, "unknown language '" + options.language + "'");
  }
  options.initial_prompt = OptionString(object, "initialPrompt", "");
  options.threads = OptionNumber<int>(object, "threads", options.threads);
  if (options.threads < 1 || options.threads > 256) throw Napi::RangeError::New(env, "threads must be 1..256");
  if (object.Has("noTimestamps")) options.no_timestamps = object.Get("noTimestamps").ToBoolean();
  if (object.Has("vad") && object.Get("vad").IsObject()) {
    Napi::Object vad = object.Get("vad").As<Napi::Object>();
    options.vad = true;
    options.vad_model_path = OptionString(vad, "modelPath", "");
    if (options.vad_model_path.empty()) throw Napi::TypeError::New(env, "vad.modelPath is required");
    auto& p = options.vad_params;
    p.threshold = OptionNumber<float>(vad, "threshold", p.threshold);
    p.min_speech_duration_ms = OptionNumber<int>(vad, "minSpeechDurationMs", p.min_speech_duration_ms);
    p.min_silence_duration_ms = OptionNumber<int>(vad, "minSilenceDurationMs", p.min_silence_duration_ms);
    p.max_speech_duration_s = OptionNumber<float>(vad, "maxSpeechDurationS", p.max_speech_duration_s);
    p.speech_pad_ms = OptionNumber<int>(vad, "speechPadMs", p.speech_pad_ms);
    p.samples_overlap = OptionNumber<float>(vad, "samplesOverlap", p.samples_overlap);
  }
  return options;
}

Napi::Value Model::Transcribe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (ctx_ == nullptr || free_pending_) throw Napi::Error::New(env, "the model has been freed");
  if (busy_) throw Napi::Error::New(env, "the model is already transcribing; one job at a time per model");
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(env, "pcm must be a Float32Array of 16 kHz mono samples");
  }
  Napi::Float32Array samples = info[0].As<Napi::Float32Array>();
  TranscribeOptions options = ParseOptions(env, info.Length() > 1 ? info[1] : env.Undefined());
  std::vector<float> pcm(samples.Data(), samples.Data() + samples.ElementLength());

  auto abort_flag = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new TranscribeWorker(env, this, Value(), std::move(pcm), std::move(options), abort_flag);
  worker->SetCallbacks(info.Length() > 2 ? info[2] : env.Undefined(),
                       info.Length() > 3 ? info[3] : env.Undefined());
  Napi::Promise promise = worker->Promise();
  busy_ = true;
  job_abort_ = abort_flag;
  worker->Queue();

  Napi::Object job = Napi::Object::New(env);
  job.Set("promise", promise);
  job.Set("abort", Napi::Function::New(
                       env,
                       [abort_flag](const Napi::CallbackInfo& call) -> Napi::Value {
                         abort_flag->store(true);
                         return call.Env().Undefined();
                       },
                       "abort"));
  return job;
}

// --- Module functions ----------------------------------------------------------------------------

Napi::Value LoadModel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "path must be a string");
  bool use_gpu = false;
  if (info.Length() > 1 && info[1].IsObject()) {
    Napi::Object options = info[1].As<Napi::Object>();
    if (options.Has("useGpu")) use_gpu = options.Get("useGpu").ToBoolean();
  }
  auto* worker = new LoadWorker(env, info[0].As<Napi::String>().Utf8Value(), use_gpu);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

Napi::Value WhisperVersion(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), whisper_version());
}

Napi::Value SystemInfo(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), whisper_print_system_info());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* verbose = getenv("HELSSA_WHISPER_LOG");
    g_verbose_log = verbose != nullptr && verbose[0] != '\0' && strcmp(verbose, "0") != 0;
    whisper_log_set(LogCallback, nullptr);
#ifdef HELSSA_GGML_BACKEND_DL
    ggml_backend_load_all();
#endif
  });

  auto* data = new AddonData();
  data->model_constructor = Napi::Persistent(Model::Define(env));
  env.SetInstanceData<AddonData>(data);

  exports.Set("loadModel", Napi::Function::New(env, LoadModel, "loadModel"));
  exports.Set("whisperVersion", Napi::Function::New(env, WhisperVersion, "whisperVersion"));
  exports.Set("systemInfo", Napi::Function::New(env, SystemInfo, "systemInfo"));
  exports.Set("buildVersion", Napi::String::New(env, HELSSA_WHISPER_VERSION));
  return exports;
}

}  // namespace

NODE_API_MODULE(helssa_speech_engine, Init)
