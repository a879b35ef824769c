import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ReportView } from '../../../electron/shared/reports';
import type { SoapContent } from '../../../electron/shared/soap';
import { useClient } from '../../api/client';
import { reportKeys, sameValue } from './model';

/** Typing pauses this long before the edit is saved. */
const SAVE_AFTER_MS = 1_000;

type Edits = Partial<SoapContent>;

export interface DraftEditor {
  /** The working draft as the doctor sees it: the stored content with unsaved edits over it. */
  readonly content: SoapContent;
  /** Edits not yet stored. */
  readonly dirty: boolean;
  readonly saving: boolean;
  /** Why the last save failed (the edits are kept). */
  readonly error: unknown;
  /** Replaces sections or lists; saved after a pause, or at once. */
  change(part: Edits, options?: { immediate?: boolean }): void;
  /** Saves what is pending now; false when the core refused it. */
  saveNow(): Promise<boolean>;
}

/** Only what differs from the stored draft is an edit. */
function withoutUnchanged(edits: Edits, stored: SoapContent): Edits {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(edits)) {
    if (!sameValue(value, stored[key as keyof SoapContent])) result[key] = value;
  }
  return result;
}

/**
 * The doctor's edits of the working draft. They lie over the stored draft (so the screen can keep
 * polling while the doctor types), are saved after a pause in typing or at once for a list change,
 * one save at a time, and are saved on leaving the screen too: an edit is never dropped. A failed
 * save keeps the edits and says why.
 */
export function useReportDraft(view: ReportView): DraftEditor {
  const client = useClient();
  const queryClient = useQueryClient();
  const encounterId = view.encounterId;
  const [edits, setEdits] = useState<Edits>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<Edits>({});
  const running = useRef<Promise<boolean> | null>(null);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stored = useRef(view.content);
  stored.current = view.content;

  const setPending = useCallback((next: Edits) => {
    pending.current = next;
    setEdits(next);
  }, []);

  const flush = useCallback((): Promise<boolean> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (running.current) {
      again.current = true;
      return running.current;
    }
    const sent = pending.current;
    if (Object.keys(sent).length === 0) return Promise.resolve(true);
    setSaving(true);
    const saving = client.report
      .update({ encounterId, content: sent })
      .then(
        (saved) => {
          queryClient.setQueryData(reportKeys.view(encounterId), saved);
          stored.current = saved.content;
          // What was typed while this save ran stays pending.
          const rest: Record<string, unknown> = { ...pending.current };
          for (const key of Object.keys(sent) as (keyof SoapContent)[]) {
            if (rest[key] === sent[key]) delete rest[key];
          }
          setPending(withoutUnchanged(rest, saved.content));
          setError(null);
          return true;
        },
        (failure: unknown) => {
          setError(failure);
          return false;
        },
      )
      .finally(() => {
        running.current = null;
        setSaving(false);
        if (again.current) {
          again.current = false;
          void flush();
        }
      });
    running.current = saving;
    return saving;
  }, [client, encounterId, queryClient, setPending]);

  const change = useCallback(
    (part: Edits, options?: { immediate?: boolean }) => {
      setPending(withoutUnchanged({ ...pending.current, ...part }, stored.current));
      if (timer.current) clearTimeout(timer.current);
      if (options?.immediate) void flush();
      else timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
    },
    [flush, setPending],
  );

  // Leaving the screen saves what is still pending (the answer updates the cache if it comes).
  const flushOnLeave = useRef(flush);
  flushOnLeave.current = flush;
  useEffect(
    () => () => {
      if (Object.keys(pending.current).length > 0) void flushOnLeave.current();
    },
    [],
  );

  const dirty = Object.keys(edits).length > 0;
  // Closing the window with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const content = useMemo(() => ({ ...view.content, ...edits }), [view.content, edits]);
  return { content, dirty, saving, error, change, saveNow: flush };
}

/**
 * While edits could not be saved, a click on a link inside the app is held back and the doctor
 * asked first (`leaving` is where they wanted to go). Pending edits that can be saved are saved
 * on the way out by useReportDraft itself.
 */
export function useLeaveGuard(blocked: boolean) {
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState<string | null>(null);
  useEffect(() => {
    if (!blocked) return;
    const hold = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      const link = (event.target as Element | null)?.closest?.('a[href^="#/"]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank') return;
      event.preventDefault();
      event.stopPropagation();
      setLeaving(link.getAttribute('href')!.slice(1));
    };
    document.addEventListener('click', hold, true);
    return () => document.removeEventListener('click', hold, true);
  }, [blocked]);
  return {
    leaving,
    stay: () => setLeaving(null),
    leave: () => {
      const to = leaving;
      setLeaving(null);
      if (to) void navigate(to);
    },
  };
}
