import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './i18n'
import { prefetchFirstPage } from './list-window'
import './styles.css'

// Opening on the stop sales: ask main for their first page while React renders the shell.
if (/^(#\/?(stop-sales)?)?$/.test(window.location.hash)) prefetchFirstPage()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
