"""The incidents page's correction form and the list of dismissed incidents.

A correction is stored apart from what the machine extracted (loaders/store/corrections.py),
with who, when and why, and applied on top of the merge on the next read. Who is the signed-in
account when the server asks for sign-in (views/access.py), else the name the user types; both
writes check the permission themselves.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders.store import Store
from loaders.store.corrections import DISMISSED, LABELS, as_text, changes, correction_rows
from loaders.store.schema import DATE_PRECISIONS, EVENT_TYPES
from views.access import WriteRefused, access, check_write, write_notice
from views.charts import incident_label
from views.page_parts import gazetteer, newest_first, plain

SAVED_KEY = "fix_saved"
FORM_CHOICES = 2_000


def save_corrections(incident: dict, new: dict[str, str], note: str, typed_name: str, store: Store) -> int:
    """Store corrections of one incident by the signed-in account, or with sign-in off by the typed
    name. Raises WriteRefused unless this session may write, ValueError for a value that does not fit."""
    author = check_write() or typed_name
    return store.add_corrections(correction_rows(incident, new, note, author))


def restore(incident: dict, typed_name: str, store: Store) -> int:
    """Bring a dismissed incident back, checked like save_corrections."""
    return save_corrections(incident, {DISMISSED: "false"}, "restored", typed_name, store)


def author_field(key: str) -> str:
    """The typed name with sign-in off; with sign-in on, who will be recorded (and "")."""
    signed = access().author
    if signed is None:
        return st.text_input("Your name", key=key)
    st.caption(plain(f"Saved as {signed.name} ({signed.email}), from your sign-in."))
    return ""


def correction_form(incidents: pd.DataFrame, store: Store) -> None:
    """Pick an incident, change any field, say why: stored as corrections, applied at once."""
    st.subheader("Correct an incident")
    # A choice among 100,000 labels would be megabytes on every rerun: the newest are offered,
    # and the filters in the sidebar find the rest.
    offered = newest_first(incidents, FORM_CHOICES)
    if len(offered) < len(incidents):
        st.caption(f"The {FORM_CHOICES:,} newest incidents in view are offered; narrow the filters to find another.")
    ids = list(offered["incident_id"])
    labels = dict(zip(ids, incident_label(offered), strict=True))
    choice = st.selectbox(
        "Incident", ids, index=None, format_func=labels.get, key="fix_incident", placeholder="Choose an incident to correct"
    )
    if choice is None:
        st.caption(
            "Corrections are kept apart from what the machine extracted, with who, when and why, and survive re-ingesting."
        )
        return
    row = offered.set_index("incident_id", drop=False).loc[choice].to_dict()

    def whole(value) -> int | None:
        return None if pd.isna(value) else int(value)

    edited: dict[str, object] = {}
    with st.form(key=f"fix-form-{choice}"):
        st.caption("Change what the machine got wrong; leave the rest. A number left empty means not reported.")
        for kind in ("killed", "wounded"):
            columns = st.columns(3)
            for column, end in zip(columns, ("low", "best", "high"), strict=True):
                field = f"{kind}_{end}"
                edited[field] = column.number_input(LABELS[field].capitalize(), min_value=0, step=1, value=whole(row[field]))
        left, middle, right = st.columns(3)
        edited["date"] = left.date_input("Date", value=None if pd.isna(row["date"]) else row["date"].date(), format="YYYY-MM-DD")
        # "" for an undated incident, as for the event type: never a precision nobody chose.
        precisions = ["", *DATE_PRECISIONS]
        edited["date_precision"] = middle.selectbox(
            "Date precision",
            precisions,
            index=precisions.index(row["date_precision"]) if row["date_precision"] in precisions else 0,
        )
        edited["location"] = right.text_input("Place", value=as_text(row["location"]))
        left, middle, right = st.columns(3)
        edited["country"] = left.text_input("Country", value=as_text(row["country"]))
        edited["admin1"] = middle.text_input("Region (admin1)", value=as_text(row["admin1"]))
        types = ["", *EVENT_TYPES]
        edited["event_type"] = right.selectbox(
            "Event type", types, index=types.index(row["event_type"]) if row["event_type"] in types else 0
        )
        left, middle, right = st.columns(3)
        edited["actor1"] = left.text_input("Perpetrator (actor 1)", value=as_text(row["actor1"]))
        edited["actor2"] = middle.text_input("Target (actor 2)", value=as_text(row["actor2"]))
        dismiss = right.checkbox("Not an incident (hide it everywhere)")
        note = st.text_area("Why (note)", placeholder="e.g. the ministry's later figure")
        author = author_field("fix_author")
        submitted = st.form_submit_button("Save correction", type="primary")
    if not submitted:
        return
    new = changes(row, edited)
    if dismiss:
        new[DISMISSED] = "true"
    place = new.get("location")
    if place and "latitude" not in new and "longitude" not in new:
        # A corrected place moves the incident on the map when the gazetteer knows it.
        found = gazetteer().geocode(f"{place}, {new.get('country', row['country'])}") or gazetteer().geocode(place)
        if found:
            new["latitude"], new["longitude"] = f"{found.latitude:.4f}", f"{found.longitude:.4f}"
    if not new:
        st.info("Nothing was changed.")
        return
    try:
        saved = save_corrections(row, new, note, author, store)
    except (ValueError, WriteRefused) as error:
        st.error(plain(f"Not saved: {error}"))
        return
    st.session_state[SAVED_KEY] = f"Saved {saved} correction(s) to {labels[choice]}."
    st.rerun()


def dismissed_list(dismissed: pd.DataFrame, store: Store) -> None:
    """The incidents marked as not an incident, each one restorable."""
    if dismissed.empty:
        return
    with st.expander(f"{len(dismissed)} incident(s) marked as not an incident"):
        st.dataframe(dismissed[["date", "location", "evidence", "corrections"]], hide_index=True, width="stretch")
        ids = list(dismissed["incident_id"])
        labels = dict(zip(ids, incident_label(dismissed), strict=True))
        now = access()
        if not now.may_write:
            write_notice("Restoring an incident", now, key="restore")
            return
        back = st.selectbox("Restore", ids, index=None, format_func=labels.get, key="fix_restore")
        author = author_field("fix_restore_author")
        if st.button("Restore this incident", disabled=back is None, key="fix_restore_button"):
            try:
                restore(dismissed.set_index("incident_id", drop=False).loc[back].to_dict(), author, store)
            except (ValueError, WriteRefused) as error:
                st.error(plain(f"Not restored: {error}"))
            else:
                st.rerun()
