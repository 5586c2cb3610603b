# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'instructor_editor.ui'
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
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from ixdesk.gui.date_field import DateField

class Ui_InstructorEditor(object):
    def setupUi(self, InstructorEditor):
        if not InstructorEditor.objectName():
            InstructorEditor.setObjectName(u"InstructorEditor")
        InstructorEditor.resize(460, 860)
        self.editorLayout = QVBoxLayout(InstructorEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 0, 0, 0)
        self.instructorBox = QGroupBox(InstructorEditor)
        self.instructorBox.setObjectName(u"instructorBox")
        self.instructorForm = QFormLayout(self.instructorBox)
        self.instructorForm.setObjectName(u"instructorForm")
        self.instructorForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.instructorForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.first_name_label = QLabel(self.instructorBox)
        self.first_name_label.setObjectName(u"first_name_label")
        self.first_name_label.setMinimumSize(QSize(110, 0))
        self.first_name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.first_name_label)

        self.first_name = QLineEdit(self.instructorBox)
        self.first_name.setObjectName(u"first_name")
        self.first_name.setMaxLength(100)
        self.first_name.setClearButtonEnabled(True)

        self.instructorForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.first_name)

        self.last_name_label = QLabel(self.instructorBox)
        self.last_name_label.setObjectName(u"last_name_label")
        self.last_name_label.setMinimumSize(QSize(110, 0))
        self.last_name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.last_name_label)

        self.last_name = QLineEdit(self.instructorBox)
        self.last_name.setObjectName(u"last_name")
        self.last_name.setMaxLength(100)
        self.last_name.setClearButtonEnabled(True)

        self.instructorForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.last_name)

        self.preferred_name_label = QLabel(self.instructorBox)
        self.preferred_name_label.setObjectName(u"preferred_name_label")
        self.preferred_name_label.setMinimumSize(QSize(110, 0))
        self.preferred_name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.preferred_name_label)

        self.preferred_name = QLineEdit(self.instructorBox)
        self.preferred_name.setObjectName(u"preferred_name")
        self.preferred_name.setMaxLength(100)
        self.preferred_name.setClearButtonEnabled(True)

        self.instructorForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.preferred_name)

        self.email_label = QLabel(self.instructorBox)
        self.email_label.setObjectName(u"email_label")
        self.email_label.setMinimumSize(QSize(110, 0))
        self.email_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email = QLineEdit(self.instructorBox)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(254)
        self.email.setClearButtonEnabled(True)

        self.instructorForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.email)

        self.phone_label = QLabel(self.instructorBox)
        self.phone_label.setObjectName(u"phone_label")
        self.phone_label.setMinimumSize(QSize(110, 0))
        self.phone_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone = QLineEdit(self.instructorBox)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(40)
        self.phone.setClearButtonEnabled(True)

        self.instructorForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phone)

        self.employer_label = QLabel(self.instructorBox)
        self.employer_label.setObjectName(u"employer_label")
        self.employer_label.setMinimumSize(QSize(110, 0))
        self.employer_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.employer_label)

        self.employer = QLineEdit(self.instructorBox)
        self.employer.setObjectName(u"employer")
        self.employer.setMaxLength(200)
        self.employer.setClearButtonEnabled(True)

        self.instructorForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.employer)

        self.job_title_label = QLabel(self.instructorBox)
        self.job_title_label.setObjectName(u"job_title_label")
        self.job_title_label.setMinimumSize(QSize(110, 0))
        self.job_title_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.job_title_label)

        self.job_title = QLineEdit(self.instructorBox)
        self.job_title.setObjectName(u"job_title")
        self.job_title.setMaxLength(200)
        self.job_title.setClearButtonEnabled(True)

        self.instructorForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.job_title)

        self.status_label = QLabel(self.instructorBox)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setMinimumSize(QSize(110, 0))
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.instructorForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.status_label)

        self.status = QComboBox(self.instructorBox)
        self.status.setObjectName(u"status")
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(16)

        self.instructorForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.status)


        self.editorLayout.addWidget(self.instructorBox)

        self.teachingBox = QGroupBox(InstructorEditor)
        self.teachingBox.setObjectName(u"teachingBox")
        self.teachingForm = QFormLayout(self.teachingBox)
        self.teachingForm.setObjectName(u"teachingForm")
        self.teachingForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.teachingForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.expertise_label = QLabel(self.teachingBox)
        self.expertise_label.setObjectName(u"expertise_label")
        self.expertise_label.setMinimumSize(QSize(110, 0))
        self.expertise_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.teachingForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.expertise_label)

        self.expertise = QListWidget(self.teachingBox)
        self.expertise.setObjectName(u"expertise")
        self.expertise.setMinimumSize(QSize(0, 136))
        self.expertise.setMaximumSize(QSize(16777215, 170))
        self.expertise.setUniformItemSizes(True)

        self.teachingForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.expertise)

        self.availability_label = QLabel(self.teachingBox)
        self.availability_label.setObjectName(u"availability_label")
        self.availability_label.setMinimumSize(QSize(110, 0))
        self.availability_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.teachingForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.availability_label)

        self.availability = QPlainTextEdit(self.teachingBox)
        self.availability.setObjectName(u"availability")
        self.availability.setMinimumSize(QSize(0, 56))
        self.availability.setMaximumSize(QSize(16777215, 90))
        self.availability.setTabChangesFocus(True)

        self.teachingForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.availability)


        self.editorLayout.addWidget(self.teachingBox)

        self.safeguardingBox = QGroupBox(InstructorEditor)
        self.safeguardingBox.setObjectName(u"safeguardingBox")
        self.safeguardingForm = QFormLayout(self.safeguardingBox)
        self.safeguardingForm.setObjectName(u"safeguardingForm")
        self.safeguardingForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.safeguardingForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.safeguarding_status_label = QLabel(self.safeguardingBox)
        self.safeguarding_status_label.setObjectName(u"safeguarding_status_label")
        self.safeguarding_status_label.setMinimumSize(QSize(110, 0))
        self.safeguarding_status_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.safeguardingForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.safeguarding_status_label)

        self.safeguarding_status = QComboBox(self.safeguardingBox)
        self.safeguarding_status.setObjectName(u"safeguarding_status")
        self.safeguarding_status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.safeguarding_status.setMinimumContentsLength(16)

        self.safeguardingForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.safeguarding_status)

        self.safeguarding_expires_on_label = QLabel(self.safeguardingBox)
        self.safeguarding_expires_on_label.setObjectName(u"safeguarding_expires_on_label")
        self.safeguarding_expires_on_label.setMinimumSize(QSize(110, 0))
        self.safeguarding_expires_on_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.safeguardingForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.safeguarding_expires_on_label)

        self.safeguarding_expires_on = DateField(self.safeguardingBox)
        self.safeguarding_expires_on.setObjectName(u"safeguarding_expires_on")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.safeguarding_expires_on.sizePolicy().hasHeightForWidth())
        self.safeguarding_expires_on.setSizePolicy(sizePolicy)
        self.safeguarding_expires_on.setMinimumSize(QSize(120, 0))

        self.safeguardingForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.safeguarding_expires_on)


        self.editorLayout.addWidget(self.safeguardingBox)

        self.aboutBox = QGroupBox(InstructorEditor)
        self.aboutBox.setObjectName(u"aboutBox")
        self.aboutForm = QFormLayout(self.aboutBox)
        self.aboutForm.setObjectName(u"aboutForm")
        self.aboutForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.aboutForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.bio_label = QLabel(self.aboutBox)
        self.bio_label.setObjectName(u"bio_label")
        self.bio_label.setMinimumSize(QSize(110, 0))
        self.bio_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.aboutForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.bio_label)

        self.bio = QPlainTextEdit(self.aboutBox)
        self.bio.setObjectName(u"bio")
        self.bio.setMinimumSize(QSize(0, 56))
        self.bio.setMaximumSize(QSize(16777215, 90))
        self.bio.setTabChangesFocus(True)

        self.aboutForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.bio)

        self.notes_label = QLabel(self.aboutBox)
        self.notes_label.setObjectName(u"notes_label")
        self.notes_label.setMinimumSize(QSize(110, 0))
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.aboutForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes = QPlainTextEdit(self.aboutBox)
        self.notes.setObjectName(u"notes")
        self.notes.setMinimumSize(QSize(0, 56))
        self.notes.setMaximumSize(QSize(16777215, 90))
        self.notes.setTabChangesFocus(True)

        self.aboutForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.notes)


        self.editorLayout.addWidget(self.aboutBox)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.first_name_label.setBuddy(self.first_name)
        self.last_name_label.setBuddy(self.last_name)
        self.preferred_name_label.setBuddy(self.preferred_name)
        self.email_label.setBuddy(self.email)
        self.phone_label.setBuddy(self.phone)
        self.employer_label.setBuddy(self.employer)
        self.job_title_label.setBuddy(self.job_title)
        self.status_label.setBuddy(self.status)
        self.expertise_label.setBuddy(self.expertise)
        self.availability_label.setBuddy(self.availability)
        self.safeguarding_status_label.setBuddy(self.safeguarding_status)
        self.safeguarding_expires_on_label.setBuddy(self.safeguarding_expires_on)
        self.bio_label.setBuddy(self.bio)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.first_name, self.last_name)
        QWidget.setTabOrder(self.last_name, self.preferred_name)
        QWidget.setTabOrder(self.preferred_name, self.email)
        QWidget.setTabOrder(self.email, self.phone)
        QWidget.setTabOrder(self.phone, self.employer)
        QWidget.setTabOrder(self.employer, self.job_title)
        QWidget.setTabOrder(self.job_title, self.status)
        QWidget.setTabOrder(self.status, self.expertise)
        QWidget.setTabOrder(self.expertise, self.availability)
        QWidget.setTabOrder(self.availability, self.safeguarding_status)
        QWidget.setTabOrder(self.safeguarding_status, self.safeguarding_expires_on)
        QWidget.setTabOrder(self.safeguarding_expires_on, self.bio)
        QWidget.setTabOrder(self.bio, self.notes)

        self.retranslateUi(InstructorEditor)

        QMetaObject.connectSlotsByName(InstructorEditor)
    # setupUi

    def retranslateUi(self, InstructorEditor):
        self.instructorBox.setTitle(QCoreApplication.translate("InstructorEditor", u"Instructor", None))
        self.first_name_label.setText(QCoreApplication.translate("InstructorEditor", u"F&irst name", None))
#if QT_CONFIG(accessibility)
        self.first_name.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"First name", None))
#endif // QT_CONFIG(accessibility)
        self.last_name_label.setText(QCoreApplication.translate("InstructorEditor", u"&Last name", None))
#if QT_CONFIG(accessibility)
        self.last_name.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Last name", None))
#endif // QT_CONFIG(accessibility)
        self.preferred_name_label.setText(QCoreApplication.translate("InstructorEditor", u"P&referred name", None))
#if QT_CONFIG(tooltip)
        self.preferred_name.setToolTip(QCoreApplication.translate("InstructorEditor", u"The name the instructor likes to be called, if not the first name", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.preferred_name.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Preferred name", None))
#endif // QT_CONFIG(accessibility)
        self.email_label.setText(QCoreApplication.translate("InstructorEditor", u"E&mail", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Email", None))
#endif // QT_CONFIG(accessibility)
        self.email.setPlaceholderText(QCoreApplication.translate("InstructorEditor", u"name@example.org", None))
        self.phone_label.setText(QCoreApplication.translate("InstructorEditor", u"&Phone", None))
#if QT_CONFIG(accessibility)
        self.phone.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.employer_label.setText(QCoreApplication.translate("InstructorEditor", u"Emplo&yer", None))
#if QT_CONFIG(tooltip)
        self.employer.setToolTip(QCoreApplication.translate("InstructorEditor", u"The company the instructor works for", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.employer.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Employer", None))
#endif // QT_CONFIG(accessibility)
        self.job_title_label.setText(QCoreApplication.translate("InstructorEditor", u"&Job title", None))
#if QT_CONFIG(accessibility)
        self.job_title.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Job title", None))
#endif // QT_CONFIG(accessibility)
        self.status_label.setText(QCoreApplication.translate("InstructorEditor", u"S&tatus", None))
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.teachingBox.setTitle(QCoreApplication.translate("InstructorEditor", u"Teaching", None))
        self.expertise_label.setText(QCoreApplication.translate("InstructorEditor", u"E&xpertise", None))
#if QT_CONFIG(tooltip)
        self.expertise.setToolTip(QCoreApplication.translate("InstructorEditor", u"Tick every track this instructor can teach", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.expertise.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Expertise tracks", None))
#endif // QT_CONFIG(accessibility)
        self.availability_label.setText(QCoreApplication.translate("InstructorEditor", u"&Availability", None))
#if QT_CONFIG(tooltip)
        self.availability.setToolTip(QCoreApplication.translate("InstructorEditor", u"When the instructor can teach", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.availability.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Availability", None))
#endif // QT_CONFIG(accessibility)
        self.availability.setPlaceholderText(QCoreApplication.translate("InstructorEditor", u"e.g. weekday evenings, school holidays", None))
        self.safeguardingBox.setTitle(QCoreApplication.translate("InstructorEditor", u"Safeguarding check (needed to teach minors)", None))
        self.safeguarding_status_label.setText(QCoreApplication.translate("InstructorEditor", u"&Check status", None))
#if QT_CONFIG(tooltip)
        self.safeguarding_status.setToolTip(QCoreApplication.translate("InstructorEditor", u"Instructors need a valid check to teach students under 18", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.safeguarding_status.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Check status", None))
#endif // QT_CONFIG(accessibility)
        self.safeguarding_expires_on_label.setText(QCoreApplication.translate("InstructorEditor", u"Expires &on", None))
#if QT_CONFIG(tooltip)
        self.safeguarding_expires_on.setToolTip(QCoreApplication.translate("InstructorEditor", u"The day the safeguarding check runs out", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.safeguarding_expires_on.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Expires on", None))
#endif // QT_CONFIG(accessibility)
        self.aboutBox.setTitle(QCoreApplication.translate("InstructorEditor", u"About", None))
        self.bio_label.setText(QCoreApplication.translate("InstructorEditor", u"&Bio", None))
#if QT_CONFIG(tooltip)
        self.bio.setToolTip(QCoreApplication.translate("InstructorEditor", u"A short biography to introduce the instructor to students", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.bio.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Bio", None))
#endif // QT_CONFIG(accessibility)
        self.notes_label.setText(QCoreApplication.translate("InstructorEditor", u"&Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("InstructorEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

