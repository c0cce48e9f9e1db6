import { useCallback, useEffect, useRef, useState } from 'react';
import { callResolver, type Answer, type CallKey, type Payload } from './bridge';
import type { ResolverCalls, ResolverError } from './contract';

export type ResolverState<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ResolverError };

/**
 * Loads one resolver call on mount; `reload` asks again from a loading state, `refresh` asks again
 * while the current data stays on screen (after an action, so focus and messages stay where they are),
 * `setData` takes a fresher answer from an action.
 */
export function useResolver<K extends CallKey>(key: K, payload: Payload<K>) {
  type Data = ResolverCalls[K]['result'];
  const [state, setState] = useState<ResolverState<Data>>({ status: 'loading' });
  const [attempt, setAttempt] = useState({ count: 0, keepData: false });
  const payloadKey = JSON.stringify(payload);

  useEffect(() => {
    let current = true;
    if (!attempt.keepData) setState({ status: 'loading' });
    callResolver(key, JSON.parse(payloadKey) as Payload<K>).then((answer) => {
      if (!current) return;
      setState(answer.ok ? { status: 'ok', data: answer.data } : { status: 'error', error: answer.error });
    });
    return () => {
      current = false;
    };
  }, [key, payloadKey, attempt]);

  const reload = useCallback(() => setAttempt(({ count }) => ({ count: count + 1, keepData: false })), []);
  const refresh = useCallback(() => setAttempt(({ count }) => ({ count: count + 1, keepData: true })), []);
  const setData = useCallback((data: Data) => setState({ status: 'ok', data }), []);
  return { state, reload, refresh, setData };
}

/** One action call at a time, with its pending flag and its last error (kept until the next run). */
export function useAction<K extends CallKey>(key: K) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (payload: Payload<K>): Promise<Answer<K>> => {
      setPending(true);
      setError(null);
      const answer = await callResolver(key, payload);
      if (mounted.current) {
        setPending(false);
        if (!answer.ok) setError(answer.error);
      }
      return answer;
    },
    [key],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
