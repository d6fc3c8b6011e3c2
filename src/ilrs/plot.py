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

from .bundle import bundled
from .dataset import Dataset
from .dates import Precision
from .enums import SignatoryType

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["membership_timeline", "missions_timeline"]

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


def _dataset(dataset: Dataset | None) -> Dataset:
    if dataset is None:
        return bundled()
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


def missions_timeline(
    dataset: Dataset | None = None, *, figsize: tuple[float, float] = (9.5, 7.5)
) -> Figure:
    """Announced launch targets against actual launches, one row per mission.

    Every announced target is a bar over its date window, coloured by when it
    was announced (open-ended "by" targets start at the announcement and are
    dashed); a star marks the actual launch. A row whose bars drift right is
    a mission that slipped. Only missions with an announcement or a launch
    are drawn. ``dataset`` defaults to the bundled data.
    """
    from matplotlib import colormaps
    from matplotlib.colors import Normalize
    from matplotlib.dates import date2num
    from matplotlib.lines import Line2D

    data = _dataset(dataset)
    fig = _figure(figsize)
    ax: Any = fig.subplots()
    missions = [m for m in data.missions() if m.launch_announcements or m.launched]
    announced = [a.announced.latest for m in missions for a in m.launch_announcements]
    cmap = colormaps["viridis"]
    norm = Normalize(
        date2num(min(announced, default=data.data_as_of)),
        date2num(max(announced, default=data.data_as_of)),
    )
    for row, mission in enumerate(reversed(missions)):
        notes = mission.launch_announcements
        for index, note in enumerate(notes):
            offset = 0.0 if len(notes) == 1 else -0.3 + 0.6 * index / (len(notes) - 1)
            colour = cmap(norm(date2num(note.announced.latest)))
            open_start = note.launch_window.earliest is None
            first = note.announced.latest if open_start else note.launch_window.earliest
            last = note.launch_window.latest
            assert first is not None
            ax.plot(
                [first, last + datetime.timedelta(days=1)],
                [row + offset, row + offset],
                color=colour,
                lw=3 if not open_start else 1.5,
                linestyle="--" if open_start else "-",
                solid_capstyle="butt",
            )
        if mission.launched is not None:
            ax.plot(
                [mission.launched],
                [row],
                marker="*",
                markersize=13,
                color="#d62728" if mission.status.value == "failed" else "black",
                markeredgecolor="white",
                zorder=5,
            )
    ax.axvline(data.data_as_of, color="#777777", lw=1, linestyle=":")
    ax.set_yticks(range(len(missions)))
    ax.set_yticklabels([_plain(_short(m.name)) for m in reversed(missions)], fontsize=8)
    ax.set_ylim(-0.8, len(missions) - 0.2)
    ax.set_title("Announced launch targets against actual launches", fontsize=13, loc="left")
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    mappable = _scalar_mappable(cmap, norm)
    bar = fig.colorbar(mappable, ax=ax, pad=0.01, fraction=0.04)
    bar.set_label("when the target was announced", fontsize=8)
    _year_ticks(bar)
    legend: list[Any] = [
        Line2D([], [], color=cmap(0.6), lw=3, label="announced target window"),
        Line2D([], [], color=cmap(0.6), lw=1.5, ls="--", label="announced 'by' a date"),
        Line2D([], [], color="black", marker="*", ls="", markersize=11, label="launched"),
        Line2D([], [], color="#d62728", marker="*", ls="", markersize=11, label="launched, failed"),
        Line2D([], [], color="#777777", ls=":", label=f"data as of {data.data_as_of}"),
    ]
    ax.legend(
        handles=legend,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.05),
        ncol=3,
        fontsize=8,
        frameon=False,
    )
    _source_line(fig, data, "Bars: each announced launch target, dated by when it was made.")
    return fig


def _short(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _scalar_mappable(cmap: Any, norm: Any) -> Any:
    from matplotlib.cm import ScalarMappable

    return ScalarMappable(norm=norm, cmap=cmap)


def _year_ticks(bar: Any) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator()
    bar.ax.yaxis.set_major_locator(locator)
    bar.ax.yaxis.set_major_formatter(ConciseDateFormatter(locator))
    bar.ax.tick_params(labelsize=7.5)
