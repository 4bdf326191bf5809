import { useRef, useState, type DragEvent } from 'react'
import { useLanguage } from '../../i18n'

/** Where a file is dropped or chosen (JSON, CSV or text); nothing is imported until the preview's Import. */
export function DropZone({
  dropText,
  testId,
  onFile,
  onChoose,
}: {
  dropText: string
  /** The hidden file input's test id. */
  testId: string
  onFile: (file: File) => void
  /** When given, "Choose a file…" asks main for its open dialog instead of the page's file input. */
  onChoose?: (() => void) | undefined
}) {
  const { t } = useLanguage()
  const [dragging, setDragging] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    const file = e.dataTransfer.files[0]
    if (file) onFile(file)
  }
  return (
    <div
      className={`dropzone card ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p>
        {dropText}{' '}
        <button
          type="button"
          data-testid={`${testId}-choose`}
          onClick={() => (onChoose ? onChoose() : input.current?.click())}
        >
          {t('import.choose')}
        </button>
      </p>
      <p className="muted">{t('import.nothingUntil')}</p>
      <input
        ref={input}
        type="file"
        accept=".json,.csv,.txt,application/json,text/csv"
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) onFile(file)
        }}
      />
    </div>
  )
}
