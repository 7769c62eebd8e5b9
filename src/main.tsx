import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App/App';
import { installHeadlessApi } from './pipeline/headless';
import { restoreSaved } from './pipeline/restore';
import { persistSelection, restoreSelection } from './store/persistSelection';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

installHeadlessApi();
void restoreSaved().then(() => {
  restoreSelection();
  persistSelection();
});

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn('Service worker not registered:', err));
}
