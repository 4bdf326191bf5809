import { useEffect, useState } from 'react'
import { nightCount, stopSaleStatuses, type StopSale, type StopSaleStatus } from '../../../shared/stop-sales'
import { call, onEvent } from '../api'
import { codesText, formatNight, kindText } from '../format'
import { useLoad } from '../use-call'
import { ErrorBanner } from './SettingsPage'
import { SyncProgress, SyncSummaryView, useSync } from './SyncPanel'

/** Statuses a person may send with "Sync" (needs review waits for a decision). */
const sendable = new Set<StopSaleStatus>([
  'pending',
  'failed',
  'needs_attention',
  'queued',
  'created',
  'creating',
  'updating',
])

export const statusLabels: Record<StopSaleStatus, string> = {
  pending: 'Pending',
  queued: 'Queued',
  creating: 'Sending',
  created: 'Sending',
  updating: 'Sending',
  synced: 'Synced',
  needs_attention: 'Needs attention',
  needs_review: 'Needs review',
  failed: 'Failed',
}

export function StopSalesPage() {
  const [list, reload] = useLoad(() => call('stopSales.list', { limit: 200 }), [])
  // Main says when stop sales change; the page refetches then, and never polls.
  useEffect(() => onEvent('stopSales.changed', reload), [reload])
  const sync = useSync()
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set())
  // A finished sync changed statuses: show them.
  useEffect(() => {
    if (sync.summary) reload()
  }, [sync.summary, reload])

  if (list.state === 'error' && !list.data) {
    return (
      <section className="state state-error" role="alert" data-testid="stop-sales-error">
        <h2>Stop sales could not be loaded</h2>
        <p>{list.error.message}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </section>
    )
  }
  if (!list.data)
    return (
      <p className="state" aria-busy="true">
        Loading stop sales…
      </p>
    )

  const { rows, total, countsByStatus } = list.data
  return (
    <section aria-labelledby="stop-sales-title">
      <header className="page-header">
        <h1 id="stop-sales-title">Stop sales</h1>
        <ul className="status-counts" aria-label="Stop sales per status">
          {stopSaleStatuses
            .filter((s) => countsByStatus[s])
            .map((s) => (
              <li key={s} className={`badge status-${s}`} data-testid={`count-${s}`}>
                {statusLabels[s]} <strong>{countsByStatus[s]}</strong>
              </li>
            ))}
        </ul>
      </header>
      {list.state === 'error' && (
        <p className="banner banner-error" role="alert">
          {list.error.message} <button onClick={reload}>Try again</button>
        </p>
      )}
      <div className="toolbar">
        <button
          type="button"
          disabled={sync.running || !countsByStatus.pending}
          onClick={() => void sync.run('all-pending')}
        >
          Sync all pending{countsByStatus.pending ? ` (${countsByStatus.pending})` : ''}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={sync.running || selected.size === 0}
          onClick={() => void sync.run({ ids: [...selected] }).then(() => setSelected(new Set()))}
        >
          Sync selected ({selected.size})
        </button>
      </div>
      {sync.running && <SyncProgress progress={sync.progress} onStop={() => void call('sync.stopAfterCurrent', {})} />}
      {sync.summary && <SyncSummaryView summary={sync.summary} onClose={sync.dismiss} />}
      {sync.error && <ErrorBanner error={sync.error} />}
      {total === 0 ? (
        <div className="state state-empty" data-testid="stop-sales-empty">
          <h2>No stop sales yet</h2>
          <p>Import the parsed stop sales from the e-mail parser to begin. They will be listed here.</p>
        </div>
      ) : (
        <StopSalesTable
          rows={rows}
          total={total}
          selected={selected}
          onSelect={(id, on) =>
            setSelected((prev) => {
              const next = new Set(prev)
              if (on) next.add(id)
              else next.delete(id)
              return next
            })
          }
          busy={sync.running}
          onSync={(id) => void sync.run({ ids: [id] })}
        />
      )}
    </section>
  )
}

function StopSalesTable(props: {
  rows: StopSale[]
  total: number
  selected: ReadonlySet<number>
  onSelect: (id: number, on: boolean) => void
  busy: boolean
  onSync: (id: number) => void
}) {
  const { rows, total, selected } = props
  return (
    <>
      <table className="grid" data-testid="stop-sales-table">
        <thead>
          <tr>
            <th scope="col" className="check">
              <span className="sr-only">Select</span>
            </th>
            <th scope="col">Status</th>
            <th scope="col">Hotel</th>
            <th scope="col">First night</th>
            <th scope="col">Last night</th>
            <th scope="col" className="num">
              Nights
            </th>
            <th scope="col">Rooms</th>
            <th scope="col">Boards</th>
            <th scope="col">Close / open</th>
            <th scope="col" className="num">
              Sedna RecId
            </th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} data-testid="stop-sale-row" data-id={s.id} data-status={s.status}>
              <td className="check">
                <input
                  type="checkbox"
                  aria-label={`Select ${s.hotelName} ${formatNight(s.firstNight)}`}
                  checked={selected.has(s.id)}
                  disabled={!sendable.has(s.status)}
                  onChange={(e) => props.onSelect(s.id, e.target.checked)}
                />
              </td>
              <td>
                <span className={`badge status-${s.status}`} title={s.lastError ?? undefined}>
                  {statusLabels[s.status]}
                </span>
              </td>
              <td className="hotel">
                <a href={`#/stop-sale/${s.id}`} data-testid="open-detail">
                  {s.hotelName}
                </a>
              </td>
              <td>{formatNight(s.firstNight)}</td>
              <td>{formatNight(s.lastNight)}</td>
              <td className="num">{nightCount(s.firstNight, s.lastNight)}</td>
              <td className={s.roomCodes.length ? undefined : 'all'}>{codesText(s.roomCodes, 'All rooms')}</td>
              <td className={s.boardCodes.length ? undefined : 'all'}>{codesText(s.boardCodes, 'All boards')}</td>
              <td>
                <span className={`kind kind-${s.kind}`}>{kindText(s.kind)}</span>
              </td>
              <td className="num" data-testid="rec-id">
                {s.sednaRecId ?? '—'}
              </td>
              <td>
                {sendable.has(s.status) && (
                  <button
                    type="button"
                    className="secondary small"
                    disabled={props.busy}
                    onClick={() => props.onSync(s.id)}
                  >
                    Sync
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length && (
        <p className="footnote">
          Showing the newest {rows.length} of {total}.
        </p>
      )}
    </>
  )
}
