"""Claims in the main window: the editor and list docks, the shortcuts, the pictures.

Ctrl+K        new claim from the selection (or drag a box on the page)
Ctrl+Alt+E    add evidence to the open claim from a selection on any page
Ctrl+Alt+L    link the open claim to another
Ctrl+Alt+C    copy the open claim's citation
Ctrl+Alt+T / Ctrl+Alt+N   the claims timeline / network
"""
from __future__ import annotations

from recto.ui.claims.controller import ClaimsController
from recto.ui.claims.editor import ClaimEditor
from recto.ui.claims.panel import ClaimsPanel

MENU = "&Claims"


def install(window) -> ClaimsController:
    controller = ClaimsController(window)
    controller.editor = ClaimEditor(controller)
    controller.panel = ClaimsPanel(window.session)
    controller.panel.claim_activated.connect(lambda cid: controller.open_claim(cid, jump=True))
    controller.list_dock = window.add_panel("Claims", controller.panel, role="list", order=10)
    controller.editor_dock = window.add_panel("Claim", controller.editor, role="editor", order=20)
    window.session.changed.connect(controller.on_change)
    window.session.project_closed.connect(controller.editor.show_nothing)
    window.view.page_shown.connect(lambda *_a: controller.draw_highlights())
    add = window.add_action
    add("claims.new", "New &Claim from Selection", controller.new_claim, "Ctrl+K", menu=MENU,
        tip="Create a claim from the selected words, or drag a box on the page")
    add("claims.add_evidence", "Add &Evidence from Selection",
        controller.add_evidence_from_selection, "Ctrl+Alt+E", menu=MENU)
    add("claims.link", "&Link Claim to…", controller.link_dialog, "Ctrl+Alt+L", menu=MENU)
    add("claims.copy_citation", "Copy Claim &Citation", controller.copy_citation,
        "Ctrl+Alt+C", menu=MENU)
    window.menu(MENU).addSeparator()
    add("claims.timeline", "Claims &Timeline", lambda: controller.show_picture("timeline"),
        "Ctrl+Alt+T", menu=MENU)
    add("claims.network", "Claims &Network", lambda: controller.show_picture("network"),
        "Ctrl+Alt+N", menu=MENU)
    window.claims = controller
    return controller
