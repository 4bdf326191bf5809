/**
 * The frame of both detail screens (stop sale, reservation): the way back and the heading with the
 * status and the actions, the two fact columns, and the cards below them.
 */
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query'
import type { ReactNode, Ref } from 'react'
import { appError } from '../data/client'
import { useLanguage } from '../i18n'
import { BackLink, type DetailKind } from './DetailParts'
import { useFocusWhen } from './hooks'

/** A record's detail as its screen holds it: the query, its failure, Try again, and the heading (focused once loaded). */
export function useDetailQuery<T, K extends QueryKey>(options: UseQueryOptions<T, Error, T, K>) {
  const detail = useQuery(options)
  const heading = useFocusWhen<HTMLHeadingElement>(detail.data !== undefined)
  return { detail, heading, error: appError(detail.error), retry: () => void detail.refetch() }
}

/** The way back, then the record's heading (focused once loaded) with its status and its actions. */
export function DetailHeader({
  kind,
  titleId,
  headingRef,
  title,
  status,
  refreshing,
  children,
}: {
  kind: DetailKind
  titleId: string
  headingRef: Ref<HTMLHeadingElement>
  title: string
  status: ReactNode
  refreshing: boolean
  /** The actions (Sync, …). */
  children: ReactNode
}) {
  const { t } = useLanguage()
  return (
    <>
      <nav aria-label={t('detail.breadcrumb')} className="breadcrumb">
        <BackLink kind={kind} />
      </nav>
      <header className="page-header detail-header">
        <h1 id={titleId} tabIndex={-1} ref={headingRef}>
          {title}
        </h1>
        {status}
        <div className="detail-actions">
          {children}
          {refreshing && <span className="muted">{t('detail.refreshing')}</span>}
        </div>
      </header>
    </>
  )
}

/** The record as imported beside the record as it stands in Sedna, with the ids it resolves to. */
export function FactColumns({
  idPrefix,
  imported,
  sedna,
  resolution,
}: {
  /** Before each card's heading id (`imported-title`, `sedna-title`). */
  idPrefix: string
  imported: ReactNode
  sedna: ReactNode
  resolution: ReactNode
}) {
  const { t } = useLanguage()
  return (
    <div className="detail-columns">
      <section className="card" aria-labelledby={`${idPrefix}imported-title`}>
        <h2 id={`${idPrefix}imported-title`}>{t('detail.asImported')}</h2>
        {imported}
      </section>
      <section className="card" aria-labelledby={`${idPrefix}sedna-title`}>
        <h2 id={`${idPrefix}sedna-title`}>{t('detail.inSedna')}</h2>
        {sedna}
        <h3>{t('detail.resolvedTo')}</h3>
        {resolution}
      </section>
    </div>
  )
}

/** A card below the fact columns: its heading, a hint under it, and what it shows. */
export function DetailSection({
  titleId,
  title,
  hint,
  children,
}: {
  titleId: string
  title: string
  hint?: string
  children: ReactNode
}) {
  return (
    <section className="card detail-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {hint && <p className="hint">{hint}</p>}
      {children}
    </section>
  )
}
