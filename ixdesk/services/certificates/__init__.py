"""Certificates of completion and Open Badges 3.0 credentials (docs/certificates.md).

* :mod:`.completion`: who completed a cohort, with hours attended (a read);
* :mod:`.pdf`: one certificate as a PDF (QtGui's PDF writer, no widgets);
* :mod:`.credential`: the signed ``OpenBadgeCredential`` (VC-JWT) and its check;
* :mod:`.keys`: the organisation's signing key, made once and kept private;
* :mod:`.issue`: a cohort's certificates written to a folder.

Nothing here is imported by ``ixdesk``'s start-up: Qt's PDF writer and the
signing library load when certificates are made or checked.
"""
