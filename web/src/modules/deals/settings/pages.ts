/** Settings pages of the deals module, loaded on demand. */
export { PipelinesPage } from './PipelinesPage';
