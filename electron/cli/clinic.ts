import type { Actor } from '../shared/roles';
import { ClinicCore, type ClinicServices } from '../core/clinic-core';
import { PassphraseKeyVault } from '../core/crypto/passphrase-vault';
import { AppError } from '../core/errors';
import type { CommandContext } from './command';
import { usageError } from './errors';
import type { SecretName } from './secrets';

export interface SignedIn {
  readonly core: ClinicCore;
  readonly services: ClinicServices;
  readonly actor: Actor;
}

/** Opens the data folder's database; refuses (not_set_up) a folder without a clinic in it. */
export function openSetUpCore(context: CommandContext): ClinicCore {
  // create: false, so a mistyped --data-dir does not leave an empty database behind.
  const core = ClinicCore.open({
    dataDir: context.dataDir,
    logger: context.logger(),
    create: false,
  });
  if (!core.isSetUp()) {
    core.close();
    throw new AppError('not_set_up', 'setup.required', { detail: context.dataDir });
  }
  return core;
}

/** Unlocks the keys with the key passphrase (HELSSA_PASSPHRASE or a prompt). */
export async function unlock(context: CommandContext, core: ClinicCore): Promise<ClinicServices> {
  const passphrase = await context.secrets.get('passphrase', { prompt: 'cli.prompt.passphrase' });
  return core.unlock(new PassphraseKeyVault(passphrase));
}

/** Signs the --user in (HELSSA_PASSWORD or a prompt) and returns the actor for service calls. */
export async function signIn(context: CommandContext, services: ClinicServices): Promise<Actor> {
  const username = requireUsername(context);
  const password = await context.secrets.get('password', {
    prompt: 'cli.prompt.password',
    params: { username },
  });
  const { token } = await services.sessions.login(username, password);
  return services.sessions.actor(token);
}

export function requireUsername(context: CommandContext): string {
  if (!context.username) throw usageError('cli.usage.userRequired');
  return context.username;
}

/**
 * The usual frame of a command: checks that --user and every secret it will need can be had,
 * opens and unlocks the clinic, signs the user in, runs `work`, and always closes (which signs
 * out and wipes the keys from memory).
 */
export async function asSignedInUser<T>(
  context: CommandContext,
  extraSecrets: readonly SecretName[],
  work: (session: SignedIn) => Promise<T> | T,
): Promise<T> {
  requireUsername(context);
  context.secrets.ensureAvailable('passphrase', 'password', ...extraSecrets);
  const core = openSetUpCore(context);
  try {
    const services = await unlock(context, core);
    const actor = await signIn(context, services);
    return await work({ core, services, actor });
  } finally {
    core.close();
  }
}
