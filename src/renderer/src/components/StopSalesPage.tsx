import { nightCount, stopSaleStatuses, type StopSale, type StopSaleStatus } from '../../../shared/stop-sales'
import { call, onEvent } from '../api'
import { formatNight } from '../format'
import { useLoad } from '../use-call'
import { useEffect } from 'react'

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
      {total === 0 ? (
        <div className="state state-empty" data-testid="stop-sales-empty">
          <h2>No stop sales yet</h2>
          <p>Import the parsed stop sales from the e-mail parser to begin. They will be listed here.</p>
        </div>
      ) : (
        <StopSalesTable rows={rows} total={total} />
      )}
    </section>
  )
}

function StopSalesTable({ rows, total }: { rows: StopSale[]; total: number }) {
  return (
    <>
      <table className="grid" data-testid="stop-sales-table">
        <thead>
          <tr>
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
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} data-testid="stop-sale-row" data-id={s.id}>
              <td>
                <span className={`badge status-${s.status}`} title={s.lastError ?? undefined}>
                  {statusLabels[s.status]}
                </span>
              </td>
              <td className="hotel">{s.hotelName}</td>
              <td>{formatNight(s.firstNight)}</td>
              <td>{formatNight(s.lastNight)}</td>
              <td className="num">{nightCount(s.firstNight, s.lastNight)}</td>
              <td>{s.roomCodes.length ? s.roomCodes.join(', ') : <em>All rooms</em>}</td>
              <td>{s.boardCodes.length ? s.boardCodes.join(', ') : <em>All boards</em>}</td>
              <td>
                <span className={`kind kind-${s.kind}`}>{s.kind === 'close' ? 'Stop (close)' : 'Open'}</span>
              </td>
              <td className="num">{s.sednaRecId ?? '—'}</td>
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
