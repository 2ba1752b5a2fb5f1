import { useEffect, useState, type FocusEvent } from 'react';
import { ActionIcon, Group, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import 'dayjs/locale/cs'; // month and day names of the calendar in Czech
import { formatTypedDate, parseTypedDate, parseTypedTime } from '../../shared/i18n/dateText';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max' | 'defaultValue'> & {
  /** `YYYY-MM-DD`, empty, or the text the user typed when it is not a date (so the form's schema reports it). */
  value?: string | null;
  onChange: (value: string | null) => void;
  /** What an emptied field sends: '' for required fields (the schema says "fill this in"), null for optional ones. */
  emptyValue?: '' | null;
  /** Calendar bounds (the shared schema is what refuses a date outside them). */
  minDate?: string;
  maxDate?: string;
  'data-autofocus'?: boolean;
};

/**
 * The one date field of the app: typed day-first in the UI language ("5. 3. 2026", "5.3.2026", "05.03.2026"), or
 * picked from a calendar in the UI language; the form gets the ISO date the API takes. Text that is not a real
 * date is passed on as typed, so validation says so beside the field: never silently reverted or rolled over
 * (Mantine's DateInput puts the previous value back on blur, which is why this is not a DateInput).
 */
export function DateField({ value, onChange, emptyValue = '', minDate, maxDate, onBlur, rightSection: _ignored, ...rest }: Props) {
  const { t, i18n } = useTranslation('common');
  const language = i18n.language;
  const shown = (v: string | null | undefined) => (v && parseTypedDate(v) === v ? formatTypedDate(v, language) : (v ?? ''));
  const [text, setText] = useState(() => shown(value));
  const [opened, setOpened] = useState(false);

  // A value set from outside (draft restored, form reset, calendar) or a language switch re-formats the text;
  // the user's own typing is left alone while it still means the same value.
  useEffect(() => {
    if (toValue(text) !== (value ?? emptyValue)) setText(shown(value));
  }, [value]);
  useEffect(() => setText(shown(value)), [language]);

  function toValue(typed: string): string | null {
    if (typed.trim() === '') return emptyValue;
    return parseTypedDate(typed) ?? typed;
  }

  const iso = value && parseTypedDate(value) === value ? value : null;
  return (
    <TextInput
      {...rest}
      inputMode="numeric"
      autoComplete="off"
      placeholder={language === 'en' ? 'DD/MM/YYYY' : 'D. M. RRRR'}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(toValue(e.currentTarget.value));
      }}
      onBlur={(e: FocusEvent<HTMLInputElement>) => {
        if (iso) setText(formatTypedDate(iso, language)); // "05.03.2026" reads back as "5. 3. 2026"
        onBlur?.(e);
      }}
      rightSectionPointerEvents="all"
      rightSection={
        <Popover opened={opened} onChange={setOpened} position="bottom-end" withinPortal trapFocus returnFocus>
          <Popover.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('dateField.openCalendar')} onClick={() => setOpened((o) => !o)} disabled={rest.disabled}>
              <CalendarIcon />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              locale={language}
              value={iso}
              defaultDate={iso ?? undefined}
              minDate={minDate}
              maxDate={maxDate}
              getDayAriaLabel={(day) => formatTypedDate(day, language)}
              ariaLabels={t('dateField.calendar', { returnObjects: true }) as Record<string, string>}
              onChange={(picked) => {
                if (!picked) return;
                setText(formatTypedDate(picked, language));
                onChange(picked);
                setOpened(false);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

function CalendarIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M16 3v4M8 3v4M3 11h18" />
    </svg>
  );
}

type DateTimeProps = Omit<Props, 'minDate' | 'maxDate' | 'emptyValue'> & { emptyValue?: '' | null };

/**
 * A date and a time of day (`YYYY-MM-DDTHH:mm`, local): the date as in DateField, the time typed 24-hour
 * ("14:30"). While either part is not valid the form receives the text as typed, so its schema says so.
 */
export function DateTimeField({ value, onChange, emptyValue = '', label, error, required, withAsterisk, 'data-autofocus': autoFocus, onBlur }: DateTimeProps) {
  const { t } = useTranslation('common');
  const [datePart = '', timePart = ''] = (value ?? '').split('T');
  const [timeText, setTimeText] = useState(timePart);
  useEffect(() => {
    if (parseTypedTime(timeText) !== timePart) setTimeText(timePart);
  }, [timePart]);
  const emit = (date: string, time: string) => {
    if (date.trim() === '' && time.trim() === '') onChange(emptyValue);
    else onChange(`${date}T${parseTypedTime(time) ?? time}`);
  };
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <DateField label={label} required={required} withAsterisk={withAsterisk} data-autofocus={autoFocus} error={error} value={datePart} onBlur={onBlur} onChange={(d) => emit(d ?? '', timeText)} style={{ flex: 1 }} />
      <TextInput
        label={t('dateField.time')}
        required={required}
        withAsterisk={withAsterisk}
        inputMode="numeric"
        autoComplete="off"
        placeholder="14:30"
        w={90}
        value={timeText}
        onChange={(e) => {
          setTimeText(e.currentTarget.value);
          emit(datePart, e.currentTarget.value);
        }}
        onBlur={() => {
          const parsed = parseTypedTime(timeText);
          if (parsed) setTimeText(parsed);
        }}
      />
    </Group>
  );
}
