# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'group_editor.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_GroupEditor(object):
    def setupUi(self, GroupEditor):
        if not GroupEditor.objectName():
            GroupEditor.setObjectName(u"GroupEditor")
        GroupEditor.resize(460, 210)
        self.editorLayout = QVBoxLayout(GroupEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 0, 0, 0)
        self.groupBox = QGroupBox(GroupEditor)
        self.groupBox.setObjectName(u"groupBox")
        self.groupForm = QFormLayout(self.groupBox)
        self.groupForm.setObjectName(u"groupForm")
        self.groupForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.groupForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.name_label = QLabel(self.groupBox)
        self.name_label.setObjectName(u"name_label")

        self.groupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(self.groupBox)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(120)
        self.name.setClearButtonEnabled(True)

        self.groupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.cohort_id_label = QLabel(self.groupBox)
        self.cohort_id_label.setObjectName(u"cohort_id_label")

        self.groupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.cohort_id_label)

        self.cohort_id = QComboBox(self.groupBox)
        self.cohort_id.setObjectName(u"cohort_id")
        self.cohort_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cohort_id.setMinimumContentsLength(16)

        self.groupForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.cohort_id)

        self.status_label = QLabel(self.groupBox)
        self.status_label.setObjectName(u"status_label")

        self.groupForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.status_label)

        self.status = QComboBox(self.groupBox)
        self.status.setObjectName(u"status")
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(16)

        self.groupForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.status)

        self.business_problem_id_label = QLabel(self.groupBox)
        self.business_problem_id_label.setObjectName(u"business_problem_id_label")

        self.groupForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.business_problem_id_label)

        self.business_problem_id = QComboBox(self.groupBox)
        self.business_problem_id.setObjectName(u"business_problem_id")
        self.business_problem_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.business_problem_id.setMinimumContentsLength(16)

        self.groupForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.business_problem_id)

        self.lead_instructor_id_label = QLabel(self.groupBox)
        self.lead_instructor_id_label.setObjectName(u"lead_instructor_id_label")

        self.groupForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.lead_instructor_id_label)

        self.lead_instructor_id = QComboBox(self.groupBox)
        self.lead_instructor_id.setObjectName(u"lead_instructor_id")
        self.lead_instructor_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lead_instructor_id.setMinimumContentsLength(16)

        self.groupForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.lead_instructor_id)

        self.meeting_slot_label = QLabel(self.groupBox)
        self.meeting_slot_label.setObjectName(u"meeting_slot_label")

        self.groupForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.meeting_slot_label)

        self.meeting_slot = QLineEdit(self.groupBox)
        self.meeting_slot.setObjectName(u"meeting_slot")
        self.meeting_slot.setMaxLength(200)
        self.meeting_slot.setClearButtonEnabled(True)

        self.groupForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.meeting_slot)


        self.editorLayout.addWidget(self.groupBox)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.name_label.setBuddy(self.name)
        self.cohort_id_label.setBuddy(self.cohort_id)
        self.status_label.setBuddy(self.status)
        self.business_problem_id_label.setBuddy(self.business_problem_id)
        self.lead_instructor_id_label.setBuddy(self.lead_instructor_id)
        self.meeting_slot_label.setBuddy(self.meeting_slot)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.cohort_id)
        QWidget.setTabOrder(self.cohort_id, self.status)
        QWidget.setTabOrder(self.status, self.business_problem_id)
        QWidget.setTabOrder(self.business_problem_id, self.lead_instructor_id)
        QWidget.setTabOrder(self.lead_instructor_id, self.meeting_slot)

        self.retranslateUi(GroupEditor)

        QMetaObject.connectSlotsByName(GroupEditor)
    # setupUi

    def retranslateUi(self, GroupEditor):
        self.groupBox.setTitle(QCoreApplication.translate("GroupEditor", u"Group", None))
        self.name_label.setText(QCoreApplication.translate("GroupEditor", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("GroupEditor", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.cohort_id_label.setText(QCoreApplication.translate("GroupEditor", u"&Cohort", None))
#if QT_CONFIG(accessibility)
        self.cohort_id.setAccessibleName(QCoreApplication.translate("GroupEditor", u"Cohort", None))
#endif // QT_CONFIG(accessibility)
        self.status_label.setText(QCoreApplication.translate("GroupEditor", u"S&tatus", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("GroupEditor", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.business_problem_id_label.setText(QCoreApplication.translate("GroupEditor", u"&Business problem", None))
#if QT_CONFIG(tooltip)
        self.business_problem_id.setToolTip(QCoreApplication.translate("GroupEditor", u"The business problem this group works on", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.business_problem_id.setAccessibleName(QCoreApplication.translate("GroupEditor", u"Business problem", None))
#endif // QT_CONFIG(accessibility)
        self.lead_instructor_id_label.setText(QCoreApplication.translate("GroupEditor", u"&Lead instructor", None))
#if QT_CONFIG(accessibility)
        self.lead_instructor_id.setAccessibleName(QCoreApplication.translate("GroupEditor", u"Lead instructor", None))
#endif // QT_CONFIG(accessibility)
        self.meeting_slot_label.setText(QCoreApplication.translate("GroupEditor", u"&Meeting slot", None))
#if QT_CONFIG(tooltip)
        self.meeting_slot.setToolTip(QCoreApplication.translate("GroupEditor", u"When the group meets", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.meeting_slot.setAccessibleName(QCoreApplication.translate("GroupEditor", u"Meeting slot", None))
#endif // QT_CONFIG(accessibility)
        self.meeting_slot.setPlaceholderText(QCoreApplication.translate("GroupEditor", u"Tue 16:00\u201318:00", None))
        pass
    # retranslateUi

