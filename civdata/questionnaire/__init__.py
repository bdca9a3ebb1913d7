"""The interactive questionnaire behind ``civdata assess``.

``session`` is the pure state machine (which question now, back, edit), ``prompts`` the
questionary prompt for each question type, ``display`` what is shown between prompts, and
``flow`` the loop that saves the answers file after every answer. Importing ``prompts``,
``display`` or ``flow`` imports questionary, so the CLI imports them only inside the command.
"""
