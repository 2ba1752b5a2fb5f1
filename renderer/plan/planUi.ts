import { useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../app/i18n';
import { notify } from '../app/notify';

/** Errors in the plan area's texts first (`plan:errors.*`). */
export const usePlanErrorText = (): ((e: unknown) => string) => useErrorText('plan');

/** After a change: refetch what shows it (the plan, its history, the caseload figures and the task lists). */
export function useRefreshPlan(clientId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [['plan.get', clientId], ['plan.history', clientId], ['plan.listServices', clientId], ['contactLog.list', clientId], ['followUp.list', clientId], ['clients.caseload'], ['releases.upcoming'], ['tasks.mine'], ['clients.get', clientId]].map(
        (queryKey) => queryClient.invalidateQueries({ queryKey }),
      ),
    );
  };
}

/** Runs a change; on failure shows the error as a toast and returns false. */
export function useRunChange(clientId: string): (fn: () => Promise<unknown>, success?: string) => Promise<boolean> {
  const refresh = useRefreshPlan(clientId);
  const errorText = usePlanErrorText();
  return async (fn, success) => {
    try {
      await fn();
      if (success) notify(success);
      return true;
    } catch (e) {
      notify(errorText(e), 'red');
      return false;
    } finally {
      await refresh();
    }
  };
}

/** Today as the workstation's calendar date, `YYYY-MM-DD`. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Now as a `datetime-local` value, `YYYY-MM-DDTHH:mm`. */
export function nowLocal(): string {
  const d = new Date();
  return `${todayIso()}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
