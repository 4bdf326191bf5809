/**
 * The card that fixes a missing mapping in place: what cannot be sent and for which account, then the
 * account's state (loading, failed, none) or, once there is one, a picker per thing missing.
 */
import type { ReservationUnresolved } from '../../../../shared/reservations'
import type { Unresolved } from '../../../../shared/resolution'
import { useLanguage, type TFunction } from '../../i18n'
import { BoardPicker, RefreshReferenceNote, RoomPicker } from './CodePickers'
import { HotelPicker } from './HotelPicker'
import { NationalityPicker } from './NationalityPicker'
import { unresolvedKey } from './unresolved'
import type { FixScope, Mapped } from './use-mapping'

/** Each kind's ids and words. */
function named(kind: FixScope['kind'], t: TFunction, parked: boolean, one: boolean) {
  return kind === 'stopSale'
    ? {
        titleId: 'fix-title',
        testId: 'fix-in-place',
        title: t('detail.fixTitle'),
        cannot: one ? t('detail.fixCannotOne') : t('detail.fixCannotMany'),
        noAccountAfter: t('detail.noAccountAfter'),
      }
    : {
        titleId: 'reservation-fix-title',
        testId: 'reservation-fix-in-place',
        title: parked ? t('reservations.fix.titleParked') : t('reservations.fix.titlePending'),
        cannot: one ? t('reservations.fix.cannotOne') : t('reservations.fix.cannotMany'),
        noAccountAfter: t('reservations.fix.noAccountAfter'),
      }
}

export function FixInPlace({
  kind,
  detail,
  unresolved,
  onMapped,
}: {
  kind: FixScope['kind']
  detail: {
    record: { id: number; status: string }
    /** The account the fix applies to (its mappings are stored for it), as main names it; null: none set up. */
    account: { id: number; name: string } | null
  }
  unresolved: ReadonlyArray<Unresolved | ReservationUnresolved>
  onMapped: (m: Mapped) => void
}) {
  const { t } = useLanguage()
  const { id } = detail.record
  const { account } = detail
  // Parked until fixed (needs_attention), rather than pending.
  const words = named(kind, t, detail.record.status === 'needs_attention', unresolved.length === 1)
  return (
    <section className="card fix" aria-labelledby={words.titleId} data-testid={words.testId}>
      <h2 id={words.titleId}>{words.title}</h2>
      <p>
        {words.cannot}
        {account ? (
          <>
            {' '}
            {t('detail.fixAccountBefore')}
            <strong>{account.name}</strong>
            {t('detail.fixAccountAfter')}
          </>
        ) : null}
        {t('detail.fixRemembered')}
      </p>
      {!account ? (
        <p className="banner banner-warn">
          {t('detail.noAccount')} <a href="#/settings">{t('detail.noAccountLink')}</a> {words.noAccountAfter}
        </p>
      ) : (
        <div className="stack-lg">
          {unresolved.map((u) => (
            <FixOne key={unresolvedKey(u)} item={u} scope={{ kind, id, profileId: account.id }} onMapped={onMapped} />
          ))}
        </div>
      )}
    </section>
  )
}

/** One thing a record waits for, with the picker that fixes it (or what to do when no picker can). */
function FixOne({
  item,
  scope,
  onMapped,
}: {
  item: Unresolved | ReservationUnresolved
  scope: FixScope
  onMapped: (m: Mapped) => void
}) {
  const { t } = useLanguage()
  const props = { scope, onMapped }
  switch (item.kind) {
    case 'hotel':
      return <HotelPicker {...props} name={item.name} />
    case 'room':
      return <RoomPicker {...props} code={item.code} hotelId={item.hotelId} />
    case 'board':
      return <BoardPicker {...props} code={item.code} />
    case 'nationality':
      return <NationalityPicker {...props} value={item.value} />
    case 'hotel-rooms-unknown':
      return (
        <RefreshReferenceNote
          title={t('mapping.noRoomTypesTitle', { hotelId: item.hotelId })}
          text={t('mapping.noRoomTypesText')}
        />
      )
    case 'boards-unknown':
      return <RefreshReferenceNote title={t('mapping.noBoardsTitle')} text={t('mapping.noBoardsText')} />
    case 'countries-unknown':
      return (
        <RefreshReferenceNote
          title={t('reservations.mapping.noCountriesTitle')}
          text={t('reservations.mapping.noCountriesText')}
        />
      )
  }
}
