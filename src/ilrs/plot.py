"""Charts of the ILRS data (needs ``pip install 'ilrs[plot]'``, i.e. matplotlib).

Each function returns a `matplotlib.figure.Figure` sized for a notebook,
with a title, a legend and a source line naming the data version and
``DATA_AS_OF``. The figures are built without `matplotlib.pyplot`, so
they do not appear twice in a notebook and work with no display; save one with
``fig.savefig("chart.png")``. matplotlib is imported only by this module, and
``import ilrs`` never imports this module.
"""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING, Any

from .analysis import blocs
from .bundle import bundled
from .dataset import Dataset
from .dates import DateLike, Precision, to_date
from .enums import Bloc, SignatoryType

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["bloc_map", "bloc_race", "membership_timeline", "missions_timeline"]

#: One colour per signatory type, in the order of `ilrs.SignatoryType`.
TYPE_COLOURS = {
    SignatoryType.COUNTRY: "#1f5f99",
    SignatoryType.INTERGOVERNMENTAL_ORGANIZATION: "#4c9ed9",
    SignatoryType.ORGANIZATION: "#8e6bbf",
    SignatoryType.INSTITUTE: "#e39b2d",
    SignatoryType.UNIVERSITY: "#d1495b",
    SignatoryType.COMPANY: "#66a182",
}


def _figure(figsize: tuple[float, float]) -> Figure:
    return _chart_class()(figsize=figsize, layout="constrained")


@functools.cache
def _chart_class() -> type[Figure]:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise ImportError(
            "ilrs.plot needs matplotlib: install it with  pip install 'ilrs[plot]'"
        ) from None

    class Chart(Figure):
        """A Figure that also shows itself in a notebook without pyplot."""

        def _repr_png_(self) -> bytes:
            from io import BytesIO

            buffer = BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    return Chart


def _dataset(dataset: Dataset | None, package: str = "ilrs") -> Dataset:
    if dataset is None:
        return bundled(package)
    if not isinstance(dataset, Dataset):
        raise TypeError(f"expected an ilrs.Dataset or None, got {dataset!r}")
    return dataset


def _source_line(fig: Figure, dataset: Dataset, extra: str) -> None:
    # keep a strip at the bottom, outside the laid-out axes, for the source line
    engine: Any = fig.get_layout_engine()
    engine.set(rect=(0, 0.035, 1, 0.965))
    fig.text(
        0.01,
        0.005,
        _plain(
            f"Source: ilrs data {dataset.version}, as of {dataset.data_as_of.isoformat()}. {extra}"
        ),
        fontsize=7.5,
        color="#555555",
        ha="left",
        va="bottom",
    )


def _plain(text: str) -> str:
    """Text shown as it is: a ``$`` would start matplotlib's maths mode."""
    return text.replace("$", r"\$")


def _label(kind: SignatoryType) -> str:
    return kind.value.replace("_", " ")


def membership_timeline(
    dataset: Dataset | None = None, *, figsize: tuple[float, float] = (9.0, 5.5)
) -> Figure:
    """Cumulative ILRS partners over time, stacked by type.

    Each signatory is counted from the last possible day of its joining (the
    rule of `ilrs.Dataset.members_as_of`). A lower panel shows the
    signatories whose joining date is known only to the month, as a range, or
    as "by" a date (open-ended, drawn as a dashed bar with an arrow), so the
    reader sees which steps rest on approximate dates.

    ``dataset`` defaults to the bundled data; pass `ilrs.load`'s result
    to chart another package. Raises `ImportError` without matplotlib.
    """
    data = _dataset(dataset)
    fig = _figure(figsize)
    approximate = [s for s in data.signatories() if s.joined.precision is not Precision.DAY]
    heights = [3.0, max(1.0, 0.22 * len(approximate))] if approximate else [1.0]
    axes = fig.subplots(
        len(heights), 1, sharex=True, squeeze=False, gridspec_kw={"height_ratios": heights}
    )
    ax: Any = axes[0][0]
    points = data.timeline()
    end = data.data_as_of
    if points:
        days = [p.date for p in points] + [max(end, points[-1].date)]
        stacks = [[p.count(kind) for p in points] for kind in SignatoryType]
        stacks = [row + row[-1:] for row in stacks]
        ax.stackplot(
            days,
            *stacks,
            step="post",
            colors=[TYPE_COLOURS[kind] for kind in SignatoryType],
            labels=[_label(kind) for kind in SignatoryType],
            alpha=0.9,
        )
        total = points[-1].total
        ax.annotate(
            f"{total}",
            (days[-1], total),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
            fontweight="bold",
        )
        ax.set_ylim(0, total * 1.12 + 1)
    ax.set_title("ILRS partners over time, by type", fontsize=13, loc="left")
    ax.set_ylabel("documented partners")
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper left", fontsize=8.5, frameon=False)

    if approximate:
        low: Any = axes[1][0]
        start = points[0].date if points else end
        for row, signatory in enumerate(reversed(approximate)):
            window = signatory.joined
            colour = TYPE_COLOURS[signatory.type]
            if window.earliest is None:
                low.annotate(
                    "",
                    xy=(start, row),
                    xytext=(window.latest, row),
                    arrowprops={"arrowstyle": "->", "color": colour, "linestyle": "--", "lw": 1.2},
                )
            else:
                low.plot(
                    [window.earliest, window.latest],
                    [row, row],
                    color=colour,
                    lw=4,
                    solid_capstyle="butt",
                )
            low.plot([window.latest], [row], marker="|", color=colour, markersize=9)
        low.set_yticks(range(len(approximate)))
        low.set_yticklabels([_plain(s.name) for s in reversed(approximate)], fontsize=7.5)
        low.set_ylim(-0.7, len(approximate) - 0.3)
        low.set_title(
            "joining dates known only approximately (dashed: only 'by' a date)",
            fontsize=9,
            loc="left",
        )
        low.grid(axis="x", alpha=0.3)
        low.spines[["top", "right"]].set_visible(False)
    _source_line(fig, data, "Partners counted from the last possible day of joining.")
    return fig


#: The colour-blind-safe palette of Okabe and Ito.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}


def _star(colour: str, label: str) -> Any:
    """A legend entry for a launch: a star of ``colour``."""
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        color=colour,
        marker="*",
        ls="",
        markersize=11,
        markeredgecolor="black",
        markeredgewidth=0.5,
        label=label,
    )


def _slipping(data: Dataset) -> list[Any]:
    """Missions with targets announced on at least two days, or one and a launch."""
    return [
        m
        for m in data.missions()
        if len({a.announced for a in m.launch_announcements}) >= 2
        or (m.launch_announcements and m.launched)
    ]


def missions_timeline(
    dataset: Dataset | None = None,
    *,
    missions: list[str] | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure:
    """How each mission's announced launch target moved: a slip chart, one panel per mission.

    In every panel the x axis is the day a target was announced and the y axis
    the launch target announced then; each target is a band over its window
    (a year, a month, "by" a date, drawn from the announcement up to that
    date), joined by a line through the middles. The diagonal is "launch on
    the day it is announced": a line climbing away from it is a mission that
    slipped, and a star on it marks the actual launch (vermillion when the
    mission failed). All panels share their axes, so slips compare across
    missions.

    ``missions`` lists ids, names or aliases to draw (by default every mission
    with targets announced on at least two days, or one and a launch);
    ``dataset`` defaults to the bundled data.
    """
    import math

    from matplotlib.lines import Line2D

    data = _dataset(dataset)
    chosen = [data.mission(key) for key in missions] if missions is not None else _slipping(data)
    columns = 3 if len(chosen) > 4 else max(len(chosen), 1)
    rows = max(1, math.ceil(len(chosen) / columns))
    fig = _figure(figsize or (10.0, 1.0 + 2.55 * rows))
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    blue, star = OKABE_ITO["blue"], OKABE_ITO["orange"]
    announced = [a.announced.latest for m in chosen for a in m.launch_announcements]
    targets = [a.launch_window.latest for m in chosen for a in m.launch_announcements]
    targets += [m.launched for m in chosen if m.launched]
    first = min([*announced, *targets], default=data.data_as_of)
    x_limits = (first - datetime.timedelta(days=120), data.data_as_of + datetime.timedelta(120))
    y_limits = (first - datetime.timedelta(days=120), max(targets, default=data.data_as_of))
    y_limits = (y_limits[0], y_limits[1] + datetime.timedelta(days=200))
    for index, ax in enumerate(a for row in axes for a in row):
        if index >= len(chosen):
            ax.set_visible(False)
            continue
        mission = chosen[index]
        ax.plot(
            [x_limits[0], x_limits[1]],
            [x_limits[0], x_limits[1]],
            color="#999999",
            lw=0.8,
            linestyle="--",
            zorder=1,
        )
        middles = []
        for note in mission.launch_announcements:
            x = note.announced.latest
            window = note.launch_window
            low = window.earliest if window.earliest is not None else x
            high = window.latest
            low = min(low, high)
            ax.plot(
                [x, x], [low, high], color=blue, lw=5, alpha=0.45, solid_capstyle="butt", zorder=2
            )
            if window.earliest is None:  # "by" a date: an open band with an arrow tip
                ax.plot([x], [high], marker="v", color=blue, markersize=5, zorder=3)
            middles.append((x, low + (high - low) / 2))
        if middles:
            xs, ys = zip(*sorted(middles), strict=True)
            ax.plot(xs, ys, color=blue, lw=1.2, marker="o", markersize=3, zorder=3)
        if mission.launched is not None:
            failed = mission.status.value == "failed"
            ax.plot(
                [mission.launched],
                [mission.launched],
                marker="*",
                markersize=13,
                color=OKABE_ITO["vermillion"] if failed else star,
                markeredgecolor="black",
                markeredgewidth=0.5,
                zorder=4,
            )
        ax.axvline(data.data_as_of, color="#555555", lw=0.8, linestyle=":", zorder=1)
        ax.set_title(_plain(_short(mission.name, 30)), fontsize=9.5, loc="left")
        ax.set_xlim(*x_limits)
        ax.set_ylim(*y_limits)
        ax.grid(alpha=0.25)
        ax.tick_params(labelsize=7.5)
        ax.spines[["top", "right"]].set_visible(False)
    for column in range(columns):  # the lowest panel of each column shows the dates
        lowest = max(r for r in range(rows) if r * columns + column < len(chosen))
        axes[lowest][column].tick_params(labelbottom=True)
        axes[lowest][column].set_xlabel("when the target was announced", fontsize=8)
    for row in axes:
        row[0].set_ylabel("launch target", fontsize=8)
    fig.suptitle(
        "Announced launch targets: how each mission slipped", fontsize=13, x=0.01, ha="left"
    )
    legend: list[Any] = [
        Line2D([], [], color=blue, lw=5, alpha=0.45, label="target window announced"),
        Line2D([], [], color=blue, lw=1.2, marker="o", markersize=3, label="middle of each target"),
        Line2D([], [], color=blue, marker="v", ls="", label="'by' a date"),
        Line2D([], [], color="#999999", ls="--", label="launch on the day announced"),
        _star(star, "launched"),
        _star(OKABE_ITO["vermillion"], "launched, failed"),
        Line2D([], [], color="#555555", ls=":", label=f"data as of {data.data_as_of}"),
    ]
    spare = [a for row in axes for a in row][len(chosen) :]
    if spare:  # the legend in the empty panels
        spare[0].set_visible(True)
        spare[0].axis("off")
        spare[0].legend(handles=legend, loc="center", fontsize=8.5, frameon=False)
    else:
        fig.legend(handles=legend, loc="outside lower center", ncol=4, fontsize=8, frameon=False)
    _source_line(fig, data, "A line climbing away from the diagonal is a mission that slipped.")
    return fig


#: Colours of the blocs (Okabe-Ito), with a hatch for "both" so it reads without colour.
BLOC_STYLE = {
    Bloc.ILRS: (OKABE_ITO["orange"], ""),
    Bloc.ACCORDS: (OKABE_ITO["blue"], ""),
    Bloc.BOTH: (OKABE_ITO["green"], "//"),
}
BLOC_LABEL = {Bloc.ILRS: "ILRS", Bloc.ACCORDS: "Artemis Accords", Bloc.BOTH: "both"}


def _datasets(ilrs: Dataset | None, accords: Dataset | None) -> tuple[Dataset, Dataset]:
    return _dataset(ilrs), _dataset(accords, "artemis")


def _states_over_time(
    ilrs: Dataset, accords: Dataset
) -> tuple[list[datetime.date], list[int], list[int], list[int], list[tuple[datetime.date, str]]]:
    """Each day a bloc changed, with the states in each and in both from that day on."""
    ilrs_states = {s.country_code: s.joined.latest for s in ilrs.signatories(type="country")}
    accords_states = {s.country_code: s.joined.latest for s in accords.signatories()}
    both = {
        code: max(day, accords_states[code])
        for code, day in ilrs_states.items()
        if code in accords_states
    }
    days = sorted({*ilrs_states.values(), *accords_states.values()})
    counts = [
        [sum(1 for d in group.values() if d <= day) for day in days]
        for group in (ilrs_states, accords_states, both)
    ]
    names = {s.country_code: s.name for s in ilrs.signatories(type="country")}
    joined_both = sorted((day, names.get(code) or str(code)) for code, day in both.items())
    return days, counts[0], counts[1], counts[2], joined_both


def bloc_race(
    ilrs: Dataset | None = None,
    accords: Dataset | None = None,
    *,
    figsize: tuple[float, float] = (9.0, 5.5),
) -> Figure:
    """States in the ILRS and in the Artemis Accords over time, with the states in both.

    Each line counts the states that had certainly joined (the rule of
    `ilrs.Dataset.members_as_of`) and ends on its data's date; the third
    counts the states in both programmes, each named on the day it entered
    the second. ``ilrs`` and ``accords`` default to the bundled packages.
    """
    ilrs_data, accords_data = _datasets(ilrs, accords)
    days, ilrs_counts, accords_counts, both_counts, joined_both = _states_over_time(
        ilrs_data, accords_data
    )
    fig = _figure(figsize)
    ax: Any = fig.subplots()
    if days:
        # each line ends on its own data's date: nothing later was checked
        ends = {
            Bloc.ACCORDS: accords_data.data_as_of,
            Bloc.ILRS: ilrs_data.data_as_of,
            Bloc.BOTH: min(ilrs_data.data_as_of, accords_data.data_as_of),
        }
        for counts, bloc, label in (
            (accords_counts, Bloc.ACCORDS, "states in the Artemis Accords"),
            (ilrs_counts, Bloc.ILRS, "states in the ILRS"),
            (both_counts, Bloc.BOTH, "states in both"),
        ):
            shown = [(d, c) for d, c in zip(days, counts, strict=True) if d <= ends[bloc]]
            steps = [d for d, _ in shown] + [ends[bloc]]
            values = [c for _, c in shown] + [shown[-1][1] if shown else 0]
            ax.step(steps, values, where="post", color=BLOC_STYLE[bloc][0], lw=2.2, label=label)
            ax.annotate(
                str(values[-1]),
                (steps[-1], values[-1]),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=9.5,
                fontweight="bold",
                color=BLOC_STYLE[bloc][0],
            )
        for index, (day, name) in enumerate(joined_both):
            count = sum(1 for d, _ in joined_both if d <= day)
            ax.annotate(
                _plain(name),
                (day, count),
                xytext=(-6, 10 + 9 * (index % 3)),
                textcoords="offset points",
                fontsize=7.5,
                ha="right",
                color=BLOC_STYLE[Bloc.BOTH][0],
                arrowprops={"arrowstyle": "-", "color": BLOC_STYLE[Bloc.BOTH][0], "lw": 0.6},
            )
    ax.set_title("States in the ILRS and in the Artemis Accords", fontsize=13, loc="left")
    ax.set_ylabel("states that had joined")
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    line = (
        f"Artemis Accords data {accords_data.version}, as of {accords_data.data_as_of}. "
        "A state counts from the last possible day of its joining."
    )
    _source_line(fig, ilrs_data, line)
    return fig


def _tiles() -> dict[str, tuple[int, int]]:
    """The tile grid: each state's column and row, placed roughly by geography."""
    import csv
    import os

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "maps", "tiles.csv")
    with open(path, encoding="utf-8", newline="") as file:
        return {
            row["country_code"]: (int(row["column"]), int(row["row"]))
            for row in csv.DictReader(file)
        }


def bloc_map(
    as_of: DateLike | None = None,
    ilrs: Dataset | None = None,
    accords: Dataset | None = None,
    *,
    figsize: tuple[float, float] = (11.0, 6.2),
) -> Figure:
    """A tile map of the blocs on one day: each state a square, coloured by its bloc.

    Squares are placed roughly by geography (a schematic, not a map of
    borders; the layout is ilrs's own, in ``ilrs/maps/tiles.csv``). A state
    is in a bloc when it had certainly joined by ``as_of`` (by default the
    older of the two data dates, to which both are current); states in both
    are also hatched, so the map reads without colour. Grey squares are
    states in neither. States without a square in the layout are drawn in a
    row of their own at the bottom.
    """
    from matplotlib.patches import Patch, Rectangle

    ilrs_data, accords_data = _datasets(ilrs, accords)
    current = min(ilrs_data.data_as_of, accords_data.data_as_of)
    day = to_date(as_of) if as_of is not None else current
    rows = blocs(ilrs_data.members_as_of(day), accords_data.members_as_of(day))
    bloc_of = {row.id: row.bloc for row in rows}
    tiles = dict(_tiles())
    bottom = max((r for _, r in tiles.values()), default=0) + 2
    for index, code in enumerate(sorted(code for code in bloc_of if code not in tiles)):
        tiles[code] = (index, bottom)
    fig = _figure(figsize)
    ax: Any = fig.subplots()
    for code, (column, row) in tiles.items():
        bloc = bloc_of.get(code)
        colour, hatch = BLOC_STYLE[bloc] if bloc else ("#e6e6e6", "")
        ax.add_patch(
            Rectangle(
                (column, -row),
                0.92,
                0.92,
                facecolor=colour,
                edgecolor="white",
                hatch=hatch,
                lw=0.8,
            )
        )
        ax.text(
            column + 0.46,
            -row + 0.46,
            code,
            ha="center",
            va="center",
            fontsize=6.5,
            color="white" if bloc else "#777777",
            fontweight="bold" if bloc else "normal",
        )
    width = max(c for c, _ in tiles.values()) + 1
    height = max(r for _, r in tiles.values()) + 1
    ax.set_xlim(-0.3, width + 0.2)
    ax.set_ylim(-height + 0.7, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    counts = {bloc: sum(1 for b in bloc_of.values() if b is bloc) for bloc in Bloc}
    legend = [
        Patch(
            facecolor=BLOC_STYLE[bloc][0],
            hatch=BLOC_STYLE[bloc][1],
            edgecolor="white",
            label=f"{BLOC_LABEL[bloc]} only ({counts[bloc]})"
            if bloc is not Bloc.BOTH
            else f"both ({counts[bloc]})",
        )
        for bloc in (Bloc.ILRS, Bloc.ACCORDS, Bloc.BOTH)
    ]
    legend.append(Patch(facecolor="#e6e6e6", label="neither"))
    ax.legend(handles=legend, loc="upper right", fontsize=9, frameon=False)
    ax.set_title(f"The lunar blocs on {day}: states by programme", fontsize=13, loc="left")
    line = (
        f"Artemis Accords data {accords_data.version}, as of {accords_data.data_as_of}. "
        "Schematic tile map: one square per state, placed roughly by geography."
    )
    _source_line(fig, ilrs_data, line)
    return fig


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"
