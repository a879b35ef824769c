/**
 * Test helper run as a child process: starts a data-key rotation and kills its own process with
 * SIGKILL (no cleanup, no finally blocks — like a power cut) after `crashAfterBatches` batches.
 * Usage: node --import tsx rotate-then-crash.ts <dataDir> <crashAfterBatches>
 */
import { ClinicCore } from '../../clinic-core';
import { PassphraseKeyVault } from '../../crypto/passphrase-vault';
import { ADMIN_PASSWORD, TEST_PASSPHRASE } from '../fixtures';

const [dataDir, crashAfter] = process.argv.slice(2);
const core = ClinicCore.open({ dataDir: dataDir! });
const services = await core.unlock(new PassphraseKeyVault(TEST_PASSPHRASE));
const { token } = await services.sessions.login('admin', ADMIN_PASSWORD);
let batches = 0;
await services.keys.rotate(services.sessions.actor(token), {
  batchSize: 10,
  onProgress: (progress) => {
    batches += 1;
    process.stdout.write(`${JSON.stringify(progress)}\n`);
    if (batches >= Number(crashAfter)) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('finished without crashing\n');
