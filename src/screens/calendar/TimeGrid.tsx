import Paid from '@mui/icons-material/Paid';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import {
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { Visit, VisitType, WorkPeriod } from '../../../electron/shared/scheduling';
import { useI18n } from '../../i18n/i18n';
import { visitStatusText } from '../patients/format';
import { isMovable, rangeText, timeText, typeColor, typeName } from './model';

/** Pixels per minute: a 20-minute visit is 40 px tall. */
const PPM = 2;
const SNAP = 5;
const DRAG_TYPE = 'application/x-helssa-visit';
/** Read by screen readers, not drawn. */
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

export interface GridColumn {
  readonly key: string;
  readonly title: string;
  readonly subtitle?: string | undefined;
  readonly doctorId: string;
  readonly date: string;
  readonly periods: readonly WorkPeriod[];
  readonly closed: boolean;
  readonly note: string | null;
  readonly visits: readonly Visit[];
}

export interface MoveTarget {
  readonly doctorId: string;
  readonly date: string;
  readonly minute: number;
}

interface TimeGridProps {
  readonly label: string;
  readonly columns: readonly GridColumn[];
  readonly types: readonly VisitType[] | undefined;
  readonly now?: { date: string; minute: number } | undefined;
  readonly onOpenVisit: (visit: Visit) => void;
  readonly onPickSlot: (column: GridColumn, minute: number) => void;
  readonly onMove: (visit: Visit, target: MoveTarget) => void;
}

function bounds(columns: readonly GridColumn[]): [number, number] {
  let start = 8 * 60;
  let end = 18 * 60;
  for (const column of columns) {
    for (const period of column.periods) {
      start = Math.min(start, period.startMinute);
      end = Math.max(end, period.endMinute);
    }
    for (const visit of column.visits) {
      start = Math.min(start, visit.startMinute);
      end = Math.max(end, visit.startMinute + visit.durationMinutes);
    }
  }
  return [Math.floor(start / 60) * 60, Math.min(1440, Math.ceil(end / 60) * 60)];
}

/** Side-by-side lanes for visits that overlap (booked over a conflict). */
function lanes(visits: readonly Visit[]): Map<string, { lane: number; of: number }> {
  const sorted = [...visits].sort((a, b) => a.startMinute - b.startMinute);
  const ends: number[] = [];
  const laneOf = new Map<string, number>();
  for (const visit of sorted) {
    let lane = ends.findIndex((end) => end <= visit.startMinute);
    if (lane === -1) lane = ends.length;
    ends[lane] = visit.startMinute + visit.durationMinutes;
    laneOf.set(visit.id, lane);
  }
  const of = Math.max(1, ends.length);
  return new Map([...laneOf].map(([id, lane]) => [id, { lane, of }]));
}

/**
 * The calendar's grid: a time axis and one column per doctor (day view) or per day (week view).
 * Shaded time is outside working hours. A visit is a button: Enter opens it; Alt+↑/↓ moves it
 * five minutes, Alt+←/→ to the neighbouring column; or drag it. Clicking free time books there.
 */
export function TimeGrid(props: TimeGridProps) {
  const { columns, types, now } = props;
  const i18n = useI18n();
  const [start, end] = bounds(columns);
  const height = (end - start) * PPM;
  const dragged = useRef<{ visit: Visit; grabMinutes: number } | null>(null);
  const [dropAt, setDropAt] = useState<{ key: string; minute: number } | null>(null);

  const minuteAt = (element: HTMLElement, clientY: number, offset = 0) => {
    const y = clientY - element.getBoundingClientRect().top;
    const minute = start + Math.round((y / PPM - offset) / SNAP) * SNAP;
    return Math.max(start, Math.min(end - SNAP, minute));
  };

  const onColumnClick = (column: GridColumn) => (event: MouseEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    const y = event.clientY - event.currentTarget.getBoundingClientRect().top;
    props.onPickSlot(column, start + Math.floor(y / PPM / SNAP) * SNAP);
  };
  const onDragOver = (column: GridColumn) => (event: DragEvent<HTMLElement>) => {
    if (!dragged.current) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const minute = minuteAt(event.currentTarget, event.clientY, dragged.current.grabMinutes);
    if (dropAt?.key !== column.key || dropAt.minute !== minute)
      setDropAt({ key: column.key, minute });
  };
  const onDrop = (column: GridColumn) => (event: DragEvent<HTMLElement>) => {
    const drag = dragged.current;
    dragged.current = null;
    setDropAt(null);
    if (!drag) return;
    event.preventDefault();
    const minute = minuteAt(event.currentTarget, event.clientY, drag.grabMinutes);
    if (
      minute === drag.visit.startMinute &&
      column.doctorId === drag.visit.doctorId &&
      column.date === drag.visit.date
    ) {
      return;
    }
    props.onMove(drag.visit, { doctorId: column.doctorId, date: column.date, minute });
  };

  const onVisitKey = (visit: Visit, index: number) => (event: KeyboardEvent<HTMLElement>) => {
    if (!event.altKey || !isMovable(visit)) return;
    const forward = i18n.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = i18n.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    let target: MoveTarget | null = null;
    const here = { doctorId: visit.doctorId, date: visit.date };
    if (event.key === 'ArrowUp') target = { ...here, minute: visit.startMinute - SNAP };
    if (event.key === 'ArrowDown') target = { ...here, minute: visit.startMinute + SNAP };
    if (event.key === forward || event.key === backward) {
      const next = columns[index + (event.key === forward ? 1 : -1)];
      if (next) target = { doctorId: next.doctorId, date: next.date, minute: visit.startMinute };
    }
    if (!target) return;
    event.preventDefault();
    props.onMove(visit, target);
  };

  const hours = Array.from({ length: (end - start) / 60 + 1 }, (_, index) => start + index * 60);
  const gridLines = `repeating-linear-gradient(to bottom, transparent 0 ${60 * PPM - 1}px, rgba(0,0,0,0.10) ${60 * PPM - 1}px ${60 * PPM}px)`;

  return (
    <Box
      role="group"
      aria-label={props.label}
      sx={{
        display: 'grid',
        gridTemplateColumns: `3.5rem repeat(${columns.length}, minmax(9.5rem, 1fr))`,
        overflowX: 'auto',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        bgcolor: 'background.paper',
      }}
    >
      <Box sx={{ borderBottom: 1, borderColor: 'divider' }} />
      {columns.map((column) => (
        <Box
          key={column.key}
          sx={{ p: 1, borderBottom: 1, borderInlineStart: 1, borderColor: 'divider' }}
        >
          <Typography variant="subtitle2" component="h2" noWrap>
            {column.title}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p" noWrap>
            {column.closed
              ? column.note
                ? i18n.t('calendar.closedBecause', { note: column.note })
                : i18n.t('calendar.closed')
              : (column.subtitle ??
                column.periods.map((p) => rangeText(i18n, p.startMinute, p.endMinute)).join('، '))}
          </Typography>
        </Box>
      ))}
      <Box sx={{ position: 'relative', height }} aria-hidden>
        {hours.map((minute) => (
          <Typography
            key={minute}
            variant="caption"
            color="text.secondary"
            sx={{
              position: 'absolute',
              top: Math.max(2, (minute - start) * PPM - 8),
              insetInlineEnd: 6,
              lineHeight: 1,
            }}
          >
            {timeText(i18n, minute)}
          </Typography>
        ))}
      </Box>
      {columns.map((column, index) => {
        const placed = lanes(column.visits);
        return (
          <Box
            key={column.key}
            data-column={column.key}
            onClick={onColumnClick(column)}
            onDragOver={onDragOver(column)}
            onDragLeave={() => setDropAt(null)}
            onDrop={onDrop(column)}
            sx={{
              position: 'relative',
              height,
              borderInlineStart: 1,
              borderColor: 'divider',
              bgcolor: 'action.hover',
              backgroundImage: gridLines,
              cursor: 'copy',
            }}
          >
            {column.periods.map((period) => (
              <Box
                key={period.startMinute}
                aria-hidden
                sx={{
                  position: 'absolute',
                  insetInline: 0,
                  top: (period.startMinute - start) * PPM,
                  height: (period.endMinute - period.startMinute) * PPM,
                  bgcolor: 'background.paper',
                  backgroundImage: gridLines,
                  backgroundPositionY: `${-((period.startMinute - start) % 60) * PPM}px`,
                  pointerEvents: 'none',
                }}
              />
            ))}
            {now && now.date === column.date && now.minute >= start && now.minute <= end ? (
              <Box
                aria-hidden
                sx={{
                  position: 'absolute',
                  insetInline: 0,
                  top: (now.minute - start) * PPM,
                  borderTop: 2,
                  borderColor: 'error.main',
                  zIndex: 2,
                  pointerEvents: 'none',
                }}
              />
            ) : null}
            {dropAt?.key === column.key && dragged.current ? (
              <Box
                aria-hidden
                sx={{
                  position: 'absolute',
                  insetInline: 2,
                  top: (dropAt.minute - start) * PPM,
                  height: dragged.current.visit.durationMinutes * PPM,
                  border: 2,
                  borderStyle: 'dashed',
                  borderColor: 'primary.main',
                  borderRadius: 1,
                  pointerEvents: 'none',
                  zIndex: 3,
                }}
              />
            ) : null}
            {column.visits.map((visit) => {
              const lane = placed.get(visit.id) ?? { lane: 0, of: 1 };
              const color = typeColor(types, visit.type);
              const movable = isMovable(visit);
              return (
                <ButtonBase
                  key={visit.id}
                  data-visit={visit.id}
                  draggable={movable}
                  aria-keyshortcuts={
                    movable ? 'Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight' : undefined
                  }
                  onClick={() => props.onOpenVisit(visit)}
                  onKeyDown={onVisitKey(visit, index)}
                  onDragStart={(event) => {
                    const y = event.clientY - event.currentTarget.getBoundingClientRect().top;
                    dragged.current = { visit, grabMinutes: y / PPM };
                    event.dataTransfer.setData(DRAG_TYPE, visit.id);
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                  onDragEnd={() => {
                    dragged.current = null;
                    setDropAt(null);
                  }}
                  sx={{
                    position: 'absolute',
                    top: (visit.startMinute - start) * PPM + 1,
                    height: Math.max(visit.durationMinutes * PPM - 2, 18),
                    insetInlineStart: `calc(${(100 * lane.lane) / lane.of}% + 2px)`,
                    width: `calc(${100 / lane.of}% - 4px)`,
                    zIndex: 1,
                    display: 'block',
                    textAlign: 'start',
                    overflow: 'hidden',
                    px: 0.75,
                    py: 0.25,
                    borderRadius: 1,
                    borderInlineStart: 4,
                    borderColor: color,
                    bgcolor: alpha(color, visit.status === 'no_show' ? 0.06 : 0.14),
                    opacity: visit.status === 'no_show' || visit.status === 'completed' ? 0.7 : 1,
                    cursor: movable ? 'grab' : 'pointer',
                    '&:focus-visible': { outline: 3, outlineColor: 'primary.main' },
                  }}
                >
                  <Typography variant="caption" component="span" sx={{ display: 'block' }} noWrap>
                    {rangeText(i18n, visit.startMinute, visit.startMinute + visit.durationMinutes)}{' '}
                    {visit.patientName}
                    {visit.isPaid ? (
                      <>
                        <Paid
                          aria-hidden
                          fontSize="inherit"
                          color="success"
                          sx={{ verticalAlign: 'middle', mx: 0.5 }}
                        />
                        <span style={visuallyHidden}>، {i18n.t('calendar.paid')}</span>
                      </>
                    ) : null}
                  </Typography>
                  <Typography
                    variant="caption"
                    component="span"
                    color="text.secondary"
                    sx={{ display: 'block' }}
                    noWrap
                  >
                    {typeName(i18n, types, visit.type)} · {visitStatusText(i18n, visit.status)}
                  </Typography>
                </ButtonBase>
              );
            })}
          </Box>
        );
      })}
    </Box>
  );
}
