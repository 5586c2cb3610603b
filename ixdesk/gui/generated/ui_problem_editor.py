# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'problem_editor.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QGroupBox, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_ProblemEditor(object):
    def setupUi(self, ProblemEditor):
        if not ProblemEditor.objectName():
            ProblemEditor.setObjectName(u"ProblemEditor")
        ProblemEditor.resize(460, 560)
        self.editorLayout = QVBoxLayout(ProblemEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 0, 0, 0)
        self.problemBox = QGroupBox(ProblemEditor)
        self.problemBox.setObjectName(u"problemBox")
        self.problemForm = QFormLayout(self.problemBox)
        self.problemForm.setObjectName(u"problemForm")
        self.problemForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.problemForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.title_label = QLabel(self.problemBox)
        self.title_label.setObjectName(u"title_label")
        self.title_label.setMinimumSize(QSize(130, 0))
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.problemForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.title_label)

        self.title = QLineEdit(self.problemBox)
        self.title.setObjectName(u"title")
        self.title.setMaxLength(200)
        self.title.setClearButtonEnabled(True)

        self.problemForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.title)

        self.company_id_label = QLabel(self.problemBox)
        self.company_id_label.setObjectName(u"company_id_label")
        self.company_id_label.setMinimumSize(QSize(130, 0))
        self.company_id_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.problemForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.company_id_label)

        self.company_id = QComboBox(self.problemBox)
        self.company_id.setObjectName(u"company_id")
        self.company_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.company_id.setMinimumContentsLength(16)

        self.problemForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.company_id)

        self.track_id_label = QLabel(self.problemBox)
        self.track_id_label.setObjectName(u"track_id_label")
        self.track_id_label.setMinimumSize(QSize(130, 0))
        self.track_id_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.problemForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.track_id_label)

        self.track_id = QComboBox(self.problemBox)
        self.track_id.setObjectName(u"track_id")
        self.track_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.track_id.setMinimumContentsLength(16)

        self.problemForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.track_id)

        self.status_label = QLabel(self.problemBox)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setMinimumSize(QSize(130, 0))
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.problemForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.status_label)

        self.status = QComboBox(self.problemBox)
        self.status.setObjectName(u"status")
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(16)

        self.problemForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.status)

        self.effort_hours_label = QLabel(self.problemBox)
        self.effort_hours_label.setObjectName(u"effort_hours_label")
        self.effort_hours_label.setMinimumSize(QSize(130, 0))
        self.effort_hours_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.problemForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.effort_hours_label)

        self.effort_hours = QSpinBox(self.problemBox)
        self.effort_hours.setObjectName(u"effort_hours")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.effort_hours.sizePolicy().hasHeightForWidth())
        self.effort_hours.setSizePolicy(sizePolicy)
        self.effort_hours.setMinimumSize(QSize(120, 0))
        self.effort_hours.setSpecialValueText(u" ")
        self.effort_hours.setMinimum(0)
        self.effort_hours.setMaximum(2000)

        self.problemForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.effort_hours)

        self.max_groups_label = QLabel(self.problemBox)
        self.max_groups_label.setObjectName(u"max_groups_label")
        self.max_groups_label.setMinimumSize(QSize(130, 0))
        self.max_groups_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.problemForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.max_groups_label)

        self.max_groups = QSpinBox(self.problemBox)
        self.max_groups.setObjectName(u"max_groups")
        sizePolicy.setHeightForWidth(self.max_groups.sizePolicy().hasHeightForWidth())
        self.max_groups.setSizePolicy(sizePolicy)
        self.max_groups.setMinimumSize(QSize(120, 0))
        self.max_groups.setMinimum(0)
        self.max_groups.setMaximum(500)

        self.problemForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.max_groups)

        self.sponsor_contact_id_label = QLabel(self.problemBox)
        self.sponsor_contact_id_label.setObjectName(u"sponsor_contact_id_label")
        self.sponsor_contact_id_label.setMinimumSize(QSize(130, 0))
        self.sponsor_contact_id_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.problemForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.sponsor_contact_id_label)

        self.sponsor_contact_id = QComboBox(self.problemBox)
        self.sponsor_contact_id.setObjectName(u"sponsor_contact_id")
        self.sponsor_contact_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sponsor_contact_id.setMinimumContentsLength(16)

        self.problemForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.sponsor_contact_id)

        self.confidential = QCheckBox(self.problemBox)
        self.confidential.setObjectName(u"confidential")

        self.problemForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.confidential)


        self.editorLayout.addWidget(self.problemBox)

        self.scopeBox = QGroupBox(ProblemEditor)
        self.scopeBox.setObjectName(u"scopeBox")
        self.scopeForm = QFormLayout(self.scopeBox)
        self.scopeForm.setObjectName(u"scopeForm")
        self.scopeForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.scopeForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.problem_statement_label = QLabel(self.scopeBox)
        self.problem_statement_label.setObjectName(u"problem_statement_label")
        self.problem_statement_label.setMinimumSize(QSize(130, 0))
        self.problem_statement_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.scopeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.problem_statement_label)

        self.problem_statement = QPlainTextEdit(self.scopeBox)
        self.problem_statement.setObjectName(u"problem_statement")
        self.problem_statement.setMinimumSize(QSize(0, 56))
        self.problem_statement.setMaximumSize(QSize(16777215, 90))
        self.problem_statement.setTabChangesFocus(True)

        self.scopeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.problem_statement)

        self.deliverables_label = QLabel(self.scopeBox)
        self.deliverables_label.setObjectName(u"deliverables_label")
        self.deliverables_label.setMinimumSize(QSize(130, 0))
        self.deliverables_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.scopeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.deliverables_label)

        self.deliverables = QPlainTextEdit(self.scopeBox)
        self.deliverables.setObjectName(u"deliverables")
        self.deliverables.setMinimumSize(QSize(0, 56))
        self.deliverables.setMaximumSize(QSize(16777215, 90))
        self.deliverables.setTabChangesFocus(True)

        self.scopeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.deliverables)

        self.skills_label = QLabel(self.scopeBox)
        self.skills_label.setObjectName(u"skills_label")
        self.skills_label.setMinimumSize(QSize(130, 0))
        self.skills_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.scopeForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.skills_label)

        self.skills = QPlainTextEdit(self.scopeBox)
        self.skills.setObjectName(u"skills")
        self.skills.setMinimumSize(QSize(0, 56))
        self.skills.setMaximumSize(QSize(16777215, 90))
        self.skills.setTabChangesFocus(True)

        self.scopeForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.skills)


        self.editorLayout.addWidget(self.scopeBox)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.title_label.setBuddy(self.title)
        self.company_id_label.setBuddy(self.company_id)
        self.track_id_label.setBuddy(self.track_id)
        self.status_label.setBuddy(self.status)
        self.effort_hours_label.setBuddy(self.effort_hours)
        self.max_groups_label.setBuddy(self.max_groups)
        self.sponsor_contact_id_label.setBuddy(self.sponsor_contact_id)
        self.problem_statement_label.setBuddy(self.problem_statement)
        self.deliverables_label.setBuddy(self.deliverables)
        self.skills_label.setBuddy(self.skills)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.title, self.company_id)
        QWidget.setTabOrder(self.company_id, self.track_id)
        QWidget.setTabOrder(self.track_id, self.status)
        QWidget.setTabOrder(self.status, self.effort_hours)
        QWidget.setTabOrder(self.effort_hours, self.max_groups)
        QWidget.setTabOrder(self.max_groups, self.sponsor_contact_id)
        QWidget.setTabOrder(self.sponsor_contact_id, self.confidential)
        QWidget.setTabOrder(self.confidential, self.problem_statement)
        QWidget.setTabOrder(self.problem_statement, self.deliverables)
        QWidget.setTabOrder(self.deliverables, self.skills)

        self.retranslateUi(ProblemEditor)

        QMetaObject.connectSlotsByName(ProblemEditor)
    # setupUi

    def retranslateUi(self, ProblemEditor):
        self.problemBox.setTitle(QCoreApplication.translate("ProblemEditor", u"Business problem", None))
        self.title_label.setText(QCoreApplication.translate("ProblemEditor", u"T&itle", None))
#if QT_CONFIG(accessibility)
        self.title.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Title", None))
#endif // QT_CONFIG(accessibility)
        self.company_id_label.setText(QCoreApplication.translate("ProblemEditor", u"&Partner company", None))
#if QT_CONFIG(tooltip)
        self.company_id.setToolTip(QCoreApplication.translate("ProblemEditor", u"The company that brings this problem", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.company_id.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Partner company", None))
#endif // QT_CONFIG(accessibility)
        self.track_id_label.setText(QCoreApplication.translate("ProblemEditor", u"&Track", None))
#if QT_CONFIG(accessibility)
        self.track_id.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Track", None))
#endif // QT_CONFIG(accessibility)
        self.status_label.setText(QCoreApplication.translate("ProblemEditor", u"St&atus", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.effort_hours_label.setText(QCoreApplication.translate("ProblemEditor", u"Eff&ort", None))
#if QT_CONFIG(tooltip)
        self.effort_hours.setToolTip(QCoreApplication.translate("ProblemEditor", u"Expected student effort in hours; leave blank if not known", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.effort_hours.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Effort", None))
#endif // QT_CONFIG(accessibility)
        self.effort_hours.setSuffix(QCoreApplication.translate("ProblemEditor", u" h", None))
        self.max_groups_label.setText(QCoreApplication.translate("ProblemEditor", u"&Groups at most", None))
#if QT_CONFIG(tooltip)
        self.max_groups.setToolTip(QCoreApplication.translate("ProblemEditor", u"How many groups of one cohort may work on this problem when students are matched; leave blank for no limit", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.max_groups.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Groups at most", None))
#endif // QT_CONFIG(accessibility)
        self.max_groups.setSpecialValueText(QCoreApplication.translate("ProblemEditor", u"no limit", None))
        self.max_groups.setSuffix(QCoreApplication.translate("ProblemEditor", u" per cohort", None))
        self.sponsor_contact_id_label.setText(QCoreApplication.translate("ProblemEditor", u"Sponsor &contact", None))
#if QT_CONFIG(tooltip)
        self.sponsor_contact_id.setToolTip(QCoreApplication.translate("ProblemEditor", u"The company contact who sponsors this problem", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.sponsor_contact_id.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Sponsor contact", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.confidential.setToolTip(QCoreApplication.translate("ProblemEditor", u"Students and instructors sign a non-disclosure agreement before working on it", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.confidential.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Confidential (under NDA)", None))
#endif // QT_CONFIG(accessibility)
        self.confidential.setText(QCoreApplication.translate("ProblemEditor", u"Confidential (under &NDA)", None))
        self.scopeBox.setTitle(QCoreApplication.translate("ProblemEditor", u"Scope", None))
        self.problem_statement_label.setText(QCoreApplication.translate("ProblemEditor", u"P&roblem statement", None))
#if QT_CONFIG(accessibility)
        self.problem_statement.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Problem statement", None))
#endif // QT_CONFIG(accessibility)
        self.problem_statement.setPlaceholderText(QCoreApplication.translate("ProblemEditor", u"What the company needs solved", None))
        self.deliverables_label.setText(QCoreApplication.translate("ProblemEditor", u"&Deliverables", None))
#if QT_CONFIG(accessibility)
        self.deliverables.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Deliverables", None))
#endif // QT_CONFIG(accessibility)
        self.deliverables.setPlaceholderText(QCoreApplication.translate("ProblemEditor", u"What the group hands over at the end", None))
        self.skills_label.setText(QCoreApplication.translate("ProblemEditor", u"S&kills practised", None))
#if QT_CONFIG(tooltip)
        self.skills.setToolTip(QCoreApplication.translate("ProblemEditor", u"Skills students practise: these go on their CV", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.skills.setAccessibleName(QCoreApplication.translate("ProblemEditor", u"Skills practised", None))
#endif // QT_CONFIG(accessibility)
        self.skills.setPlaceholderText(QCoreApplication.translate("ProblemEditor", u"e.g. data cleaning, user interviews, presenting to a client", None))
        pass
    # retranslateUi

