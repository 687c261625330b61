import { en, vi } from './i18n';
import { describeTranslations } from '../../i18n/translation-checks';

describeTranslations('activity', en, vi, { vietnameseShare: 0.7 });
