/** What each cell's colour and pattern mean: the same swatches as the grid's, each with its words. */
import type { NightState } from '../../../../shared/net-state'
import { useLanguage } from '../../i18n'

const states: readonly NightState[] = ['closed', 'closing', 'opening', 'open']

export function Legend() {
  const { t } = useLanguage()
  const items = [
    ...states.map((state) => ({ key: state, className: `cal-${state}`, text: t(`calendar.states.${state}`) })),
    { key: 'changed', className: 'cal-closed cal-changed', text: t('calendar.legend.changed') },
    { key: 'today', className: 'cal-open cal-today', text: t('calendar.legend.today') },
  ]
  return (
    <section className="cal-legend" aria-labelledby="cal-legend-title" data-testid="calendar-legend">
      <h2 id="cal-legend-title" className="sr-only">
        {t('calendar.legend.title')}
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.key} data-legend={item.key}>
            <span className={`cal-swatch ${item.className}`} aria-hidden="true" />
            {item.text}
          </li>
        ))}
      </ul>
    </section>
  )
}
