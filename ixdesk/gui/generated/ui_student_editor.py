# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'student_editor.ui'
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

from ixdesk.gui.date_field import DateField

class Ui_StudentEditor(object):
    def setupUi(self, StudentEditor):
        if not StudentEditor.objectName():
            StudentEditor.setObjectName(u"StudentEditor")
        StudentEditor.resize(460, 660)
        self.editorLayout = QVBoxLayout(StudentEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 0, 0, 0)
        self.studentBox = QGroupBox(StudentEditor)
        self.studentBox.setObjectName(u"studentBox")
        self.studentForm = QFormLayout(self.studentBox)
        self.studentForm.setObjectName(u"studentForm")
        self.studentForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.studentForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.first_name_label = QLabel(self.studentBox)
        self.first_name_label.setObjectName(u"first_name_label")
        self.first_name_label.setMinimumSize(QSize(130, 0))
        self.first_name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.first_name_label)

        self.first_name = QLineEdit(self.studentBox)
        self.first_name.setObjectName(u"first_name")
        self.first_name.setMaxLength(100)
        self.first_name.setClearButtonEnabled(True)

        self.studentForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.first_name)

        self.last_name_label = QLabel(self.studentBox)
        self.last_name_label.setObjectName(u"last_name_label")
        self.last_name_label.setMinimumSize(QSize(130, 0))
        self.last_name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.last_name_label)

        self.last_name = QLineEdit(self.studentBox)
        self.last_name.setObjectName(u"last_name")
        self.last_name.setMaxLength(100)
        self.last_name.setClearButtonEnabled(True)

        self.studentForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.last_name)

        self.preferred_name_label = QLabel(self.studentBox)
        self.preferred_name_label.setObjectName(u"preferred_name_label")
        self.preferred_name_label.setMinimumSize(QSize(130, 0))
        self.preferred_name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.preferred_name_label)

        self.preferred_name = QLineEdit(self.studentBox)
        self.preferred_name.setObjectName(u"preferred_name")
        self.preferred_name.setMaxLength(100)
        self.preferred_name.setClearButtonEnabled(True)

        self.studentForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.preferred_name)

        self.email_label = QLabel(self.studentBox)
        self.email_label.setObjectName(u"email_label")
        self.email_label.setMinimumSize(QSize(130, 0))
        self.email_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email = QLineEdit(self.studentBox)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(254)
        self.email.setClearButtonEnabled(True)

        self.studentForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.email)

        self.phone_label = QLabel(self.studentBox)
        self.phone_label.setObjectName(u"phone_label")
        self.phone_label.setMinimumSize(QSize(130, 0))
        self.phone_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone = QLineEdit(self.studentBox)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(40)
        self.phone.setClearButtonEnabled(True)

        self.studentForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phone)

        self.school_label = QLabel(self.studentBox)
        self.school_label.setObjectName(u"school_label")
        self.school_label.setMinimumSize(QSize(130, 0))
        self.school_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.school_label)

        self.school = QLineEdit(self.studentBox)
        self.school.setObjectName(u"school")
        self.school.setMaxLength(200)
        self.school.setClearButtonEnabled(True)

        self.studentForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.school)

        self.grade_label = QLabel(self.studentBox)
        self.grade_label.setObjectName(u"grade_label")
        self.grade_label.setMinimumSize(QSize(130, 0))
        self.grade_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.grade_label)

        self.grade = QSpinBox(self.studentBox)
        self.grade.setObjectName(u"grade")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.grade.sizePolicy().hasHeightForWidth())
        self.grade.setSizePolicy(sizePolicy)
        self.grade.setMinimumSize(QSize(120, 0))
        self.grade.setSpecialValueText(u" ")
        self.grade.setMinimum(0)
        self.grade.setMaximum(13)

        self.studentForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.grade)

        self.date_of_birth_label = QLabel(self.studentBox)
        self.date_of_birth_label.setObjectName(u"date_of_birth_label")
        self.date_of_birth_label.setMinimumSize(QSize(130, 0))
        self.date_of_birth_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.date_of_birth_label)

        self.date_of_birth = DateField(self.studentBox)
        self.date_of_birth.setObjectName(u"date_of_birth")
        sizePolicy.setHeightForWidth(self.date_of_birth.sizePolicy().hasHeightForWidth())
        self.date_of_birth.setSizePolicy(sizePolicy)
        self.date_of_birth.setMinimumSize(QSize(120, 0))

        self.studentForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.date_of_birth)

        self.track_interest_id_label = QLabel(self.studentBox)
        self.track_interest_id_label.setObjectName(u"track_interest_id_label")
        self.track_interest_id_label.setMinimumSize(QSize(130, 0))
        self.track_interest_id_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.studentForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.track_interest_id_label)

        self.track_interest_id = QComboBox(self.studentBox)
        self.track_interest_id.setObjectName(u"track_interest_id")
        self.track_interest_id.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.track_interest_id.setMinimumContentsLength(16)

        self.studentForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.track_interest_id)


        self.editorLayout.addWidget(self.studentBox)

        self.guardianBox = QGroupBox(StudentEditor)
        self.guardianBox.setObjectName(u"guardianBox")
        self.guardianForm = QFormLayout(self.guardianBox)
        self.guardianForm.setObjectName(u"guardianForm")
        self.guardianForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.guardianForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.guardian_name_label = QLabel(self.guardianBox)
        self.guardian_name_label.setObjectName(u"guardian_name_label")
        self.guardian_name_label.setMinimumSize(QSize(130, 0))
        self.guardian_name_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.guardianForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.guardian_name_label)

        self.guardian_name = QLineEdit(self.guardianBox)
        self.guardian_name.setObjectName(u"guardian_name")
        self.guardian_name.setMaxLength(200)
        self.guardian_name.setClearButtonEnabled(True)

        self.guardianForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.guardian_name)

        self.guardian_email_label = QLabel(self.guardianBox)
        self.guardian_email_label.setObjectName(u"guardian_email_label")
        self.guardian_email_label.setMinimumSize(QSize(130, 0))
        self.guardian_email_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.guardianForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.guardian_email_label)

        self.guardian_email = QLineEdit(self.guardianBox)
        self.guardian_email.setObjectName(u"guardian_email")
        self.guardian_email.setMaxLength(254)
        self.guardian_email.setClearButtonEnabled(True)

        self.guardianForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.guardian_email)

        self.guardian_phone_label = QLabel(self.guardianBox)
        self.guardian_phone_label.setObjectName(u"guardian_phone_label")
        self.guardian_phone_label.setMinimumSize(QSize(130, 0))
        self.guardian_phone_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.guardianForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.guardian_phone_label)

        self.guardian_phone = QLineEdit(self.guardianBox)
        self.guardian_phone.setObjectName(u"guardian_phone")
        self.guardian_phone.setMaxLength(40)
        self.guardian_phone.setClearButtonEnabled(True)

        self.guardianForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.guardian_phone)

        self.guardian_consent_by_label = QLabel(self.guardianBox)
        self.guardian_consent_by_label.setObjectName(u"guardian_consent_by_label")
        self.guardian_consent_by_label.setMinimumSize(QSize(130, 0))
        self.guardian_consent_by_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.guardianForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.guardian_consent_by_label)

        self.guardian_consent_by = QLineEdit(self.guardianBox)
        self.guardian_consent_by.setObjectName(u"guardian_consent_by")
        self.guardian_consent_by.setMaxLength(200)
        self.guardian_consent_by.setClearButtonEnabled(True)

        self.guardianForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.guardian_consent_by)

        self.guardian_consent_at_label = QLabel(self.guardianBox)
        self.guardian_consent_at_label.setObjectName(u"guardian_consent_at_label")
        self.guardian_consent_at_label.setMinimumSize(QSize(130, 0))
        self.guardian_consent_at_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.guardianForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.guardian_consent_at_label)

        self.guardian_consent_at = DateField(self.guardianBox)
        self.guardian_consent_at.setObjectName(u"guardian_consent_at")
        sizePolicy.setHeightForWidth(self.guardian_consent_at.sizePolicy().hasHeightForWidth())
        self.guardian_consent_at.setSizePolicy(sizePolicy)
        self.guardian_consent_at.setMinimumSize(QSize(120, 0))

        self.guardianForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.guardian_consent_at)


        self.editorLayout.addWidget(self.guardianBox)

        self.preferencesBox = QGroupBox(StudentEditor)
        self.preferencesBox.setObjectName(u"preferencesBox")
        self.preferencesForm = QFormLayout(self.preferencesBox)
        self.preferencesForm.setObjectName(u"preferencesForm")
        self.preferencesForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.preferencesForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.messaging_opt_in = QCheckBox(self.preferencesBox)
        self.messaging_opt_in.setObjectName(u"messaging_opt_in")

        self.preferencesForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.messaging_opt_in)

        self.notes_label = QLabel(self.preferencesBox)
        self.notes_label.setObjectName(u"notes_label")
        self.notes_label.setMinimumSize(QSize(130, 0))
        self.notes_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)

        self.preferencesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes = QPlainTextEdit(self.preferencesBox)
        self.notes.setObjectName(u"notes")
        self.notes.setMinimumSize(QSize(0, 56))
        self.notes.setMaximumSize(QSize(16777215, 90))
        self.notes.setTabChangesFocus(True)

        self.preferencesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.notes)


        self.editorLayout.addWidget(self.preferencesBox)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.first_name_label.setBuddy(self.first_name)
        self.last_name_label.setBuddy(self.last_name)
        self.preferred_name_label.setBuddy(self.preferred_name)
        self.email_label.setBuddy(self.email)
        self.phone_label.setBuddy(self.phone)
        self.school_label.setBuddy(self.school)
        self.grade_label.setBuddy(self.grade)
        self.date_of_birth_label.setBuddy(self.date_of_birth)
        self.track_interest_id_label.setBuddy(self.track_interest_id)
        self.guardian_name_label.setBuddy(self.guardian_name)
        self.guardian_email_label.setBuddy(self.guardian_email)
        self.guardian_phone_label.setBuddy(self.guardian_phone)
        self.guardian_consent_by_label.setBuddy(self.guardian_consent_by)
        self.guardian_consent_at_label.setBuddy(self.guardian_consent_at)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.first_name, self.last_name)
        QWidget.setTabOrder(self.last_name, self.preferred_name)
        QWidget.setTabOrder(self.preferred_name, self.email)
        QWidget.setTabOrder(self.email, self.phone)
        QWidget.setTabOrder(self.phone, self.school)
        QWidget.setTabOrder(self.school, self.grade)
        QWidget.setTabOrder(self.grade, self.date_of_birth)
        QWidget.setTabOrder(self.date_of_birth, self.track_interest_id)
        QWidget.setTabOrder(self.track_interest_id, self.guardian_name)
        QWidget.setTabOrder(self.guardian_name, self.guardian_email)
        QWidget.setTabOrder(self.guardian_email, self.guardian_phone)
        QWidget.setTabOrder(self.guardian_phone, self.guardian_consent_by)
        QWidget.setTabOrder(self.guardian_consent_by, self.guardian_consent_at)
        QWidget.setTabOrder(self.guardian_consent_at, self.messaging_opt_in)
        QWidget.setTabOrder(self.messaging_opt_in, self.notes)

        self.retranslateUi(StudentEditor)

        QMetaObject.connectSlotsByName(StudentEditor)
    # setupUi

    def retranslateUi(self, StudentEditor):
        self.studentBox.setTitle(QCoreApplication.translate("StudentEditor", u"Student", None))
        self.first_name_label.setText(QCoreApplication.translate("StudentEditor", u"F&irst name", None))
#if QT_CONFIG(accessibility)
        self.first_name.setAccessibleName(QCoreApplication.translate("StudentEditor", u"First name", None))
#endif // QT_CONFIG(accessibility)
        self.last_name_label.setText(QCoreApplication.translate("StudentEditor", u"&Last name", None))
#if QT_CONFIG(accessibility)
        self.last_name.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Last name", None))
#endif // QT_CONFIG(accessibility)
        self.preferred_name_label.setText(QCoreApplication.translate("StudentEditor", u"P&referred name", None))
#if QT_CONFIG(tooltip)
        self.preferred_name.setToolTip(QCoreApplication.translate("StudentEditor", u"The name the student likes to be called, if not the first name", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.preferred_name.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Preferred name", None))
#endif // QT_CONFIG(accessibility)
        self.email_label.setText(QCoreApplication.translate("StudentEditor", u"E&mail", None))
#if QT_CONFIG(tooltip)
        self.email.setToolTip(QCoreApplication.translate("StudentEditor", u"University students: use their university address", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Email", None))
#endif // QT_CONFIG(accessibility)
        self.email.setPlaceholderText(QCoreApplication.translate("StudentEditor", u"name@example.org", None))
        self.phone_label.setText(QCoreApplication.translate("StudentEditor", u"&Phone", None))
#if QT_CONFIG(accessibility)
        self.phone.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.school_label.setText(QCoreApplication.translate("StudentEditor", u"School &or university", None))
#if QT_CONFIG(accessibility)
        self.school.setAccessibleName(QCoreApplication.translate("StudentEditor", u"School or university", None))
#endif // QT_CONFIG(accessibility)
        self.grade_label.setText(QCoreApplication.translate("StudentEditor", u"Grade or &year", None))
#if QT_CONFIG(tooltip)
        self.grade.setToolTip(QCoreApplication.translate("StudentEditor", u"School grade or university year; leave blank if not known", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.grade.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Grade or year", None))
#endif // QT_CONFIG(accessibility)
        self.date_of_birth_label.setText(QCoreApplication.translate("StudentEditor", u"&Date of birth", None))
#if QT_CONFIG(tooltip)
        self.date_of_birth.setToolTip(QCoreApplication.translate("StudentEditor", u"Students under 18 need a guardian's consent", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.date_of_birth.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Date of birth", None))
#endif // QT_CONFIG(accessibility)
        self.track_interest_id_label.setText(QCoreApplication.translate("StudentEditor", u"Trac&k interest", None))
#if QT_CONFIG(tooltip)
        self.track_interest_id.setToolTip(QCoreApplication.translate("StudentEditor", u"The programme track the student is most interested in", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.track_interest_id.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Track interest", None))
#endif // QT_CONFIG(accessibility)
        self.guardianBox.setTitle(QCoreApplication.translate("StudentEditor", u"Guardian (students under 18)", None))
        self.guardian_name_label.setText(QCoreApplication.translate("StudentEditor", u"Guardian &name", None))
#if QT_CONFIG(accessibility)
        self.guardian_name.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Guardian name", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_email_label.setText(QCoreApplication.translate("StudentEditor", u"G&uardian email", None))
#if QT_CONFIG(accessibility)
        self.guardian_email.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Guardian email", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_phone_label.setText(QCoreApplication.translate("StudentEditor", u"&Guardian phone", None))
#if QT_CONFIG(accessibility)
        self.guardian_phone.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Guardian phone", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_consent_by_label.setText(QCoreApplication.translate("StudentEditor", u"Consent given &by", None))
#if QT_CONFIG(tooltip)
        self.guardian_consent_by.setToolTip(QCoreApplication.translate("StudentEditor", u"Who gave consent for the student to take part", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.guardian_consent_by.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Consent given by", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_consent_at_label.setText(QCoreApplication.translate("StudentEditor", u"&Consent date", None))
#if QT_CONFIG(tooltip)
        self.guardian_consent_at.setToolTip(QCoreApplication.translate("StudentEditor", u"The day consent was given", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.guardian_consent_at.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Consent date", None))
#endif // QT_CONFIG(accessibility)
        self.preferencesBox.setTitle(QCoreApplication.translate("StudentEditor", u"Contact preferences and notes", None))
#if QT_CONFIG(tooltip)
        self.messaging_opt_in.setToolTip(QCoreApplication.translate("StudentEditor", u"The student agrees to receive emails and text messages about programmes", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.messaging_opt_in.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Agrees to receive messages", None))
#endif // QT_CONFIG(accessibility)
        self.messaging_opt_in.setText(QCoreApplication.translate("StudentEditor", u"&Agrees to receive messages", None))
        self.notes_label.setText(QCoreApplication.translate("StudentEditor", u"No&tes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("StudentEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

