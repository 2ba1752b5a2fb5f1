import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localToday, periodOf, PERIOD_PRESETS, type PeriodPreset } from './reportPeriod';

/**
 * The quick choice of a period, shared by the dashboard and the programme view. It shows the preset the period
 * currently is ("Last quarter" after two clicks from the menu), or "Custom period" once dates were typed.
 */
export function PeriodPresetSelect({ period, onChange }: { period: { from: string; to: string }; onChange: (period: { from: string; to: string }) => void }) {
  const { t } = useTranslation('reports');
  const today = localToday();
  const current = PERIOD_PRESETS.find((p) => {
    const x = periodOf(p, today);
    return x.from === period.from && x.to === period.to;
  });
  return (
    <Select
      label={t('period.preset')}
      // Wide enough for "Posledních 12 měsíců" at 1366×768.
      w={240}
      data={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`period.${p}`) }))}
      value={current ?? null}
      placeholder={t('period.custom')}
      allowDeselect={false}
      onChange={(v) => v && onChange(periodOf(v as PeriodPreset, localToday()))}
    />
  );
}
