# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'contact_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_ContactDialog(object):
    def setupUi(self, ContactDialog):
        if not ContactDialog.objectName():
            ContactDialog.setObjectName(u"ContactDialog")
        ContactDialog.resize(420, 160)
        self.dialogLayout = QVBoxLayout(ContactDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.contactForm = QFormLayout()
        self.contactForm.setObjectName(u"contactForm")
        self.contactForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.contactForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.name_label = QLabel(ContactDialog)
        self.name_label.setObjectName(u"name_label")

        self.contactForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(ContactDialog)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)
        self.name.setClearButtonEnabled(True)

        self.contactForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.role_label = QLabel(ContactDialog)
        self.role_label.setObjectName(u"role_label")

        self.contactForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.role_label)

        self.role = QLineEdit(ContactDialog)
        self.role.setObjectName(u"role")
        self.role.setMaxLength(120)
        self.role.setClearButtonEnabled(True)

        self.contactForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.role)

        self.email_label = QLabel(ContactDialog)
        self.email_label.setObjectName(u"email_label")

        self.contactForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email = QLineEdit(ContactDialog)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(254)
        self.email.setClearButtonEnabled(True)

        self.contactForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.email)

        self.phone_label = QLabel(ContactDialog)
        self.phone_label.setObjectName(u"phone_label")

        self.contactForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone = QLineEdit(ContactDialog)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(40)
        self.phone.setClearButtonEnabled(True)

        self.contactForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phone)


        self.dialogLayout.addLayout(self.contactForm)

        self.buttonBox = QDialogButtonBox(ContactDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.name_label.setBuddy(self.name)
        self.role_label.setBuddy(self.role)
        self.email_label.setBuddy(self.email)
        self.phone_label.setBuddy(self.phone)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.role)
        QWidget.setTabOrder(self.role, self.email)
        QWidget.setTabOrder(self.email, self.phone)
        QWidget.setTabOrder(self.phone, self.buttonBox)

        self.retranslateUi(ContactDialog)
        self.buttonBox.accepted.connect(ContactDialog.accept)
        self.buttonBox.rejected.connect(ContactDialog.reject)

        QMetaObject.connectSlotsByName(ContactDialog)
    # setupUi

    def retranslateUi(self, ContactDialog):
        ContactDialog.setWindowTitle(QCoreApplication.translate("ContactDialog", u"Contact", None))
        self.name_label.setText(QCoreApplication.translate("ContactDialog", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("ContactDialog", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.role_label.setText(QCoreApplication.translate("ContactDialog", u"&Role", None))
#if QT_CONFIG(tooltip)
        self.role.setToolTip(QCoreApplication.translate("ContactDialog", u"The contact's job at the company, e.g. Head of Marketing", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("ContactDialog", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.email_label.setText(QCoreApplication.translate("ContactDialog", u"&Email", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("ContactDialog", u"Email", None))
#endif // QT_CONFIG(accessibility)
        self.email.setPlaceholderText(QCoreApplication.translate("ContactDialog", u"name@example.org", None))
        self.phone_label.setText(QCoreApplication.translate("ContactDialog", u"&Phone", None))
#if QT_CONFIG(accessibility)
        self.phone.setAccessibleName(QCoreApplication.translate("ContactDialog", u"Phone", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

