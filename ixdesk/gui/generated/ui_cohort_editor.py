# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'cohort_editor.ui'
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
    QSpinBox, QVBoxLayout, QWidget)

from ixdesk.gui.date_field import DateField

class Ui_CohortEditor(object):
    def setupUi(self, CohortEditor):
        if not CohortEditor.objectName():
            CohortEditor.setObjectName(u"CohortEditor")
        CohortEditor.resize(460, 440)
        self.editorLayout = QVBoxLayout(CohortEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 0, 0, 0)
        self.cohortBox = QGroupBox(CohortEditor)
        self.cohortBox.setObjectName(u"cohortBox")
        self.cohortForm = QFormLayout(self.cohortBox)
        self.cohortForm.setObjectName(u"cohortForm")
        self.cohortForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.cohortForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.name_label = QLabel(self.cohortBox)
        self.name_label.setObjectName(u"name_label")
        self.name_label.setMinimumSize(QSize(130, 0))
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.cohortForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(self.cohortBox)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)
        self.name.setClearButtonEnabled(True)

        self.cohortForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.track_id_label = QLabel(self.cohortBox)
        self.track_id_label.setObjectName(u"track_id_label")
        self.track_id_label.setMinimumSize(QSize(130, 0))
        self.track_id_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.cohortForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.track_id_label)

        self.track_id = QComboBox(self.cohortBox)
        self.track_id.setObjectName(u"track_id")
        self.track_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.track_id.setMinimumContentsLength(16)

        self.cohortForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.track_id)

        self.status_label = QLabel(self.cohortBox)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setMinimumSize(QSize(130, 0))
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.cohortForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.status_label)

        self.status = QComboBox(self.cohortBox)
        self.status.setObjectName(u"status")
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(16)

        self.cohortForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.status)

        self.audience_label = QLabel(self.cohortBox)
        self.audience_label.setObjectName(u"audience_label")
        self.audience_label.setMinimumSize(QSize(130, 0))
        self.audience_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.cohortForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.audience_label)

        self.audience = QComboBox(self.cohortBox)
        self.audience.setObjectName(u"audience")
        self.audience.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.audience.setMinimumContentsLength(16)

        self.cohortForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.audience)


        self.editorLayout.addWidget(self.cohortBox)

        self.whenBox = QGroupBox(CohortEditor)
        self.whenBox.setObjectName(u"whenBox")
        self.whenForm = QFormLayout(self.whenBox)
        self.whenForm.setObjectName(u"whenForm")
        self.whenForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.whenForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.starts_on_label = QLabel(self.whenBox)
        self.starts_on_label.setObjectName(u"starts_on_label")
        self.starts_on_label.setMinimumSize(QSize(130, 0))
        self.starts_on_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.whenForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.starts_on_label)

        self.starts_on = DateField(self.whenBox)
        self.starts_on.setObjectName(u"starts_on")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.starts_on.sizePolicy().hasHeightForWidth())
        self.starts_on.setSizePolicy(sizePolicy)
        self.starts_on.setMinimumSize(QSize(120, 0))

        self.whenForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.starts_on)

        self.ends_on_label = QLabel(self.whenBox)
        self.ends_on_label.setObjectName(u"ends_on_label")
        self.ends_on_label.setMinimumSize(QSize(130, 0))
        self.ends_on_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.whenForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.ends_on_label)

        self.ends_on = DateField(self.whenBox)
        self.ends_on.setObjectName(u"ends_on")
        sizePolicy.setHeightForWidth(self.ends_on.sizePolicy().hasHeightForWidth())
        self.ends_on.setSizePolicy(sizePolicy)
        self.ends_on.setMinimumSize(QSize(120, 0))

        self.whenForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.ends_on)

        self.format_label = QLabel(self.whenBox)
        self.format_label.setObjectName(u"format_label")
        self.format_label.setMinimumSize(QSize(130, 0))
        self.format_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.whenForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.format_label)

        self.format = QComboBox(self.whenBox)
        self.format.setObjectName(u"format")
        self.format.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.format.setMinimumContentsLength(16)

        self.whenForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.format)

        self.schedule_label = QLabel(self.whenBox)
        self.schedule_label.setObjectName(u"schedule_label")
        self.schedule_label.setMinimumSize(QSize(130, 0))
        self.schedule_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.whenForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.schedule_label)

        self.schedule = QComboBox(self.whenBox)
        self.schedule.setObjectName(u"schedule")
        self.schedule.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.schedule.setMinimumContentsLength(16)

        self.whenForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.schedule)

        self.location_label = QLabel(self.whenBox)
        self.location_label.setObjectName(u"location_label")
        self.location_label.setMinimumSize(QSize(130, 0))
        self.location_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.whenForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.location_label)

        self.location = QLineEdit(self.whenBox)
        self.location.setObjectName(u"location")
        self.location.setMaxLength(200)
        self.location.setClearButtonEnabled(True)

        self.whenForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.location)


        self.editorLayout.addWidget(self.whenBox)

        self.sizeBox = QGroupBox(CohortEditor)
        self.sizeBox.setObjectName(u"sizeBox")
        self.sizeForm = QFormLayout(self.sizeBox)
        self.sizeForm.setObjectName(u"sizeForm")
        self.sizeForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.sizeForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.capacity_label = QLabel(self.sizeBox)
        self.capacity_label.setObjectName(u"capacity_label")
        self.capacity_label.setMinimumSize(QSize(130, 0))
        self.capacity_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.sizeForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.capacity_label)

        self.capacity = QSpinBox(self.sizeBox)
        self.capacity.setObjectName(u"capacity")
        sizePolicy.setHeightForWidth(self.capacity.sizePolicy().hasHeightForWidth())
        self.capacity.setSizePolicy(sizePolicy)
        self.capacity.setMinimumSize(QSize(120, 0))
        self.capacity.setSpecialValueText(u" ")
        self.capacity.setMinimum(0)
        self.capacity.setMaximum(10000)

        self.sizeForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.capacity)

        self.group_size_label = QLabel(self.sizeBox)
        self.group_size_label.setObjectName(u"group_size_label")
        self.group_size_label.setMinimumSize(QSize(130, 0))
        self.group_size_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.sizeForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.group_size_label)

        self.group_size = QSpinBox(self.sizeBox)
        self.group_size.setObjectName(u"group_size")
        sizePolicy.setHeightForWidth(self.group_size.sizePolicy().hasHeightForWidth())
        self.group_size.setSizePolicy(sizePolicy)
        self.group_size.setMinimumSize(QSize(120, 0))
        self.group_size.setSpecialValueText(u" ")
        self.group_size.setMinimum(0)
        self.group_size.setMaximum(50)

        self.sizeForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.group_size)


        self.editorLayout.addWidget(self.sizeBox)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.name_label.setBuddy(self.name)
        self.track_id_label.setBuddy(self.track_id)
        self.status_label.setBuddy(self.status)
        self.audience_label.setBuddy(self.audience)
        self.starts_on_label.setBuddy(self.starts_on)
        self.ends_on_label.setBuddy(self.ends_on)
        self.format_label.setBuddy(self.format)
        self.schedule_label.setBuddy(self.schedule)
        self.location_label.setBuddy(self.location)
        self.capacity_label.setBuddy(self.capacity)
        self.group_size_label.setBuddy(self.group_size)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.track_id)
        QWidget.setTabOrder(self.track_id, self.status)
        QWidget.setTabOrder(self.status, self.audience)
        QWidget.setTabOrder(self.audience, self.starts_on)
        QWidget.setTabOrder(self.starts_on, self.ends_on)
        QWidget.setTabOrder(self.ends_on, self.format)
        QWidget.setTabOrder(self.format, self.schedule)
        QWidget.setTabOrder(self.schedule, self.location)
        QWidget.setTabOrder(self.location, self.capacity)
        QWidget.setTabOrder(self.capacity, self.group_size)

        self.retranslateUi(CohortEditor)

        QMetaObject.connectSlotsByName(CohortEditor)
    # setupUi

    def retranslateUi(self, CohortEditor):
        self.cohortBox.setTitle(QCoreApplication.translate("CohortEditor", u"Cohort", None))
        self.name_label.setText(QCoreApplication.translate("CohortEditor", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.track_id_label.setText(QCoreApplication.translate("CohortEditor", u"T&rack", None))
#if QT_CONFIG(accessibility)
        self.track_id.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Track", None))
#endif // QT_CONFIG(accessibility)
        self.status_label.setText(QCoreApplication.translate("CohortEditor", u"S&tatus", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.audience_label.setText(QCoreApplication.translate("CohortEditor", u"A&udience", None))
#if QT_CONFIG(tooltip)
        self.audience.setToolTip(QCoreApplication.translate("CohortEditor", u"High-school or university students", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.audience.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Audience", None))
#endif // QT_CONFIG(accessibility)
        self.whenBox.setTitle(QCoreApplication.translate("CohortEditor", u"When and where", None))
        self.starts_on_label.setText(QCoreApplication.translate("CohortEditor", u"St&arts on", None))
#if QT_CONFIG(accessibility)
        self.starts_on.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Starts on", None))
#endif // QT_CONFIG(accessibility)
        self.ends_on_label.setText(QCoreApplication.translate("CohortEditor", u"Ends &on", None))
#if QT_CONFIG(accessibility)
        self.ends_on.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Ends on", None))
#endif // QT_CONFIG(accessibility)
        self.format_label.setText(QCoreApplication.translate("CohortEditor", u"For&mat", None))
#if QT_CONFIG(tooltip)
        self.format.setToolTip(QCoreApplication.translate("CohortEditor", u"In person, online or hybrid", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.format.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Format", None))
#endif // QT_CONFIG(accessibility)
        self.schedule_label.setText(QCoreApplication.translate("CohortEditor", u"Sche&dule", None))
#if QT_CONFIG(tooltip)
        self.schedule.setToolTip(QCoreApplication.translate("CohortEditor", u"After school or in the holidays", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.schedule.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Schedule", None))
#endif // QT_CONFIG(accessibility)
        self.location_label.setText(QCoreApplication.translate("CohortEditor", u"&Location", None))
#if QT_CONFIG(tooltip)
        self.location.setToolTip(QCoreApplication.translate("CohortEditor", u"Where in-person sessions take place", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.location.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Location", None))
#endif // QT_CONFIG(accessibility)
        self.sizeBox.setTitle(QCoreApplication.translate("CohortEditor", u"Size", None))
        self.capacity_label.setText(QCoreApplication.translate("CohortEditor", u"&Capacity", None))
#if QT_CONFIG(tooltip)
        self.capacity.setToolTip(QCoreApplication.translate("CohortEditor", u"The most students who can enrol; leave blank for no limit", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.capacity.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Capacity", None))
#endif // QT_CONFIG(accessibility)
        self.group_size_label.setText(QCoreApplication.translate("CohortEditor", u"Students &per group", None))
#if QT_CONFIG(tooltip)
        self.group_size.setToolTip(QCoreApplication.translate("CohortEditor", u"How many students each group should have", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.group_size.setAccessibleName(QCoreApplication.translate("CohortEditor", u"Students per group", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

