/** The outbox as screens see it: the sync's status (reachability, what waits) and the queue. */
import { queryOptions } from '@tanstack/react-query'
import { call } from '../api'

export const syncKeys = {
  all: ['sync'] as const,
  status: () => [...syncKeys.all, 'status'] as const,
  queues: () => [...syncKeys.all, 'queue'] as const,
  queue: (limit: number) => [...syncKeys.queues(), limit] as const,
}

export const syncQueries = {
  status: () => queryOptions({ queryKey: syncKeys.status(), queryFn: () => call('sync.status', {}) }),
  queue: (limit: number) =>
    queryOptions({ queryKey: syncKeys.queue(limit), queryFn: () => call('queue.list', { limit }) }),
}
