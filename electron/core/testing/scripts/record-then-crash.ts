/**
 * Test helper run as a child process: records a visit from a fake microphone that delivers
 * counting audio (sample n = n mod 2^16) in 20 ms frames at real time, and reports after every
 * frame how much it has captured (`CAPTURED <samples>`). The parent kills it with SIGKILL —
 * no stop, no cleanup, like a power cut — and then checks what the store recovers.
 * Usage: node --import tsx record-then-crash.ts <dataDir> <encounterId> <chunkSeconds>
 */
import { ClinicCore } from '../../clinic-core';
import { PassphraseKeyVault } from '../../crypto/passphrase-vault';
import { SAMPLE_RATE } from '../../recording/audio-format';
import { countingPcm } from '../../recording/test-support';
import { ADMIN_PASSWORD, TEST_PASSPHRASE } from '../fixtures';

const [dataDir, encounterId, chunkSeconds] = process.argv.slice(2);
const core = ClinicCore.open({
  dataDir: dataDir!,
  recording: { chunkSeconds: Number(chunkSeconds), flushIntervalMs: 1000, minFreeBytes: 1 },
});
const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
const { token } = await services.sessions.login('admin', ADMIN_PASSWORD);
const writer = services.recordings.start(services.sessions.actor(token), {
  encounterId: encounterId!,
});
process.stdout.write(`STARTED ${writer.recordingId}\n`);
const started = performance.now();
let sent = 0;
setInterval(() => {
  const due = Math.floor(((performance.now() - started) / 1000) * SAMPLE_RATE);
  if (due <= sent) return;
  writer.append(countingPcm(sent, due - sent));
  sent = due;
  process.stdout.write(`CAPTURED ${sent}\n`);
}, 20);
