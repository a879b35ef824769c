import createCache, { type EmotionCache } from '@emotion/cache';
import { createTheme, type Theme } from '@mui/material/styles';
import { enUS as materialEn, faIR as materialFa } from '@mui/material/locale';
import { enUS as pickersEn, faIR as pickersFa } from '@mui/x-date-pickers/locales';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import type {} from '@mui/x-date-pickers/themeAugmentation';
import type { Language } from '../../electron/shared/messages';
import { weekdayFormatter } from '../components/JalaliDates';

/** Emotion caches: the RTL one flips every style (margins, paddings, positions) for Persian. */
const caches: Record<'rtl' | 'ltr', EmotionCache> = {
  rtl: createCache({ key: 'muirtl', stylisPlugins: [prefixer, rtlPlugin] }),
  ltr: createCache({ key: 'muiltr', stylisPlugins: [prefixer] }),
};

export function emotionCache(dir: 'rtl' | 'ltr'): EmotionCache {
  return caches[dir];
}

export function appTheme(language: Language): Theme {
  const fa = language === 'fa';
  return createTheme(
    {
      direction: fa ? 'rtl' : 'ltr',
      palette: {
        primary: { main: '#0b6e69' },
        secondary: { main: '#6a3d9a' },
        background: { default: '#f5f7f7' },
      },
      typography: {
        fontFamily: 'Vazirmatn, "Noto Sans Arabic", Tahoma, sans-serif',
        button: { textTransform: 'none', fontWeight: 600 },
      },
      shape: { borderRadius: 8 },
      components: {
        // A visible focus ring for keyboard users on every focusable control.
        MuiButtonBase: {
          defaultProps: { disableRipple: false },
          styleOverrides: {
            root: {
              '&.Mui-focusVisible': { outline: '3px solid #f5a524', outlineOffset: 2 },
            },
          },
        },
        MuiTextField: { defaultProps: { fullWidth: true, size: 'small' } },
        MuiDateCalendar: { defaultProps: { dayOfWeekFormatter: weekdayFormatter(language) } },
      },
    },
    fa ? materialFa : materialEn,
    fa ? pickersFa : pickersEn,
  );
}
