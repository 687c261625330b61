import { en, vi } from './i18n';
import { describeTranslations } from '../../i18n/translation-checks';

describeTranslations('orders', en, vi);
