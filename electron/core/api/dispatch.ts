import { contract } from '../../shared/contract/contract';
import { isCallChannel } from '../../shared/contract/channels';
import type { Envelope } from '../../shared/contract/envelope';
import type { ErrorShape } from '../../shared/errors';
import { fieldErrorsOf } from '../../shared/validation';
import { isAppError } from '../errors';
import type { Logger } from '../log/logger';
import type { CallContext } from './call-context';
import type { Handlers } from './handlers';

const fail = (error: ErrorShape): Envelope<never> => ({ ok: false, error });

/**
 * The one way into the core from a renderer: checks the channel, validates the request against
 * the contract (a malformed request never reaches a service, so nothing is written), runs the
 * handler, validates the answer, and wraps it in an envelope. An unexpected error is logged with
 * its stack and answered with a generic message; the request itself is never logged.
 */
export class ApiDispatcher {
  private readonly handlers: Handlers;
  private readonly logger: Logger;

  constructor(handlers: Handlers, logger: Logger) {
    this.handlers = handlers;
    this.logger = logger;
  }

  async call(channel: unknown, input: unknown, context: CallContext): Promise<Envelope<unknown>> {
    if (!isCallChannel(channel)) {
      return fail({
        code: 'validation',
        messageKey: 'api.unknownCall',
        detail: `unknown call ${typeof channel === 'string' ? channel.slice(0, 64) : typeof channel}`,
      });
    }
    const spec = contract[channel];
    const request = spec.input.safeParse(input);
    if (!request.success) {
      return fail({
        code: 'validation',
        messageKey: 'validation.failed',
        detail: `malformed ${channel} request`,
        fields: fieldErrorsOf(request.error),
      });
    }
    if (spec.auth === 'session' && !context.token) {
      return fail({ code: 'session_expired', messageKey: 'session.expired' });
    }
    let value: unknown;
    try {
      const handler = this.handlers[channel] as (args: unknown, ctx: CallContext) => unknown;
      value = await handler(request.data, context);
    } catch (error) {
      if (isAppError(error)) {
        if (error.code === 'internal') this.logger.error('api.failed', error, { channel });
        return fail(error.toShape());
      }
      this.logger.error('api.failed', error, { channel });
      return fail({ code: 'internal', messageKey: 'error.internal' });
    }
    const answer = spec.output.safeParse(value);
    if (!answer.success) {
      this.logger.error('api.badAnswer', new Error(answer.error.issues[0]?.message ?? 'invalid'), {
        channel,
        path: answer.error.issues[0]?.path.join('.') ?? '',
      });
      return fail({ code: 'internal', messageKey: 'error.internal' });
    }
    return { ok: true, value: answer.data };
  }
}
