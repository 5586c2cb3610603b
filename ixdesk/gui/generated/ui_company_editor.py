# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'company_editor.ui'
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
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_CompanyEditor(object):
    def setupUi(self, CompanyEditor):
        if not CompanyEditor.objectName():
            CompanyEditor.setObjectName(u"CompanyEditor")
        CompanyEditor.resize(460, 300)
        self.editorLayout = QVBoxLayout(CompanyEditor)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, 0, 0, 0)
        self.companyBox = QGroupBox(CompanyEditor)
        self.companyBox.setObjectName(u"companyBox")
        self.companyForm = QFormLayout(self.companyBox)
        self.companyForm.setObjectName(u"companyForm")
        self.companyForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.companyForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTrailing|Qt.AlignmentFlag.AlignVCenter)
        self.name_label = QLabel(self.companyBox)
        self.name_label.setObjectName(u"name_label")

        self.companyForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.name_label)

        self.name = QLineEdit(self.companyBox)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)
        self.name.setClearButtonEnabled(True)

        self.companyForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.sector_label = QLabel(self.companyBox)
        self.sector_label.setObjectName(u"sector_label")

        self.companyForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.sector_label)

        self.sector = QLineEdit(self.companyBox)
        self.sector.setObjectName(u"sector")
        self.sector.setMaxLength(120)
        self.sector.setClearButtonEnabled(True)

        self.companyForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.sector)

        self.website_label = QLabel(self.companyBox)
        self.website_label.setObjectName(u"website_label")

        self.companyForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.website_label)

        self.website = QLineEdit(self.companyBox)
        self.website.setObjectName(u"website")
        self.website.setMaxLength(300)
        self.website.setClearButtonEnabled(True)

        self.companyForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.website)

        self.city_label = QLabel(self.companyBox)
        self.city_label.setObjectName(u"city_label")

        self.companyForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.city_label)

        self.city = QLineEdit(self.companyBox)
        self.city.setObjectName(u"city")
        self.city.setMaxLength(120)
        self.city.setClearButtonEnabled(True)

        self.companyForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.city)

        self.country_label = QLabel(self.companyBox)
        self.country_label.setObjectName(u"country_label")

        self.companyForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.country_label)

        self.country = QLineEdit(self.companyBox)
        self.country.setObjectName(u"country")
        self.country.setMaxLength(120)
        self.country.setClearButtonEnabled(True)

        self.companyForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.country)

        self.status_label = QLabel(self.companyBox)
        self.status_label.setObjectName(u"status_label")

        self.companyForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.status_label)

        self.status = QComboBox(self.companyBox)
        self.status.setObjectName(u"status")
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status.setMinimumContentsLength(16)

        self.companyForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.status)

        self.notes_label = QLabel(self.companyBox)
        self.notes_label.setObjectName(u"notes_label")

        self.companyForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes = QPlainTextEdit(self.companyBox)
        self.notes.setObjectName(u"notes")
        self.notes.setMinimumSize(QSize(0, 56))
        self.notes.setMaximumSize(QSize(16777215, 90))
        self.notes.setTabChangesFocus(True)

        self.companyForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.notes)


        self.editorLayout.addWidget(self.companyBox)

        self.bottomSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.name_label.setBuddy(self.name)
        self.sector_label.setBuddy(self.sector)
        self.website_label.setBuddy(self.website)
        self.city_label.setBuddy(self.city)
        self.country_label.setBuddy(self.country)
        self.status_label.setBuddy(self.status)
        self.notes_label.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.sector)
        QWidget.setTabOrder(self.sector, self.website)
        QWidget.setTabOrder(self.website, self.city)
        QWidget.setTabOrder(self.city, self.country)
        QWidget.setTabOrder(self.country, self.status)
        QWidget.setTabOrder(self.status, self.notes)

        self.retranslateUi(CompanyEditor)

        QMetaObject.connectSlotsByName(CompanyEditor)
    # setupUi

    def retranslateUi(self, CompanyEditor):
        self.companyBox.setTitle(QCoreApplication.translate("CompanyEditor", u"Partner company", None))
        self.name_label.setText(QCoreApplication.translate("CompanyEditor", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("CompanyEditor", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.sector_label.setText(QCoreApplication.translate("CompanyEditor", u"Sec&tor", None))
#if QT_CONFIG(tooltip)
        self.sector.setToolTip(QCoreApplication.translate("CompanyEditor", u"The industry, e.g. finance, retail, healthcare", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.sector.setAccessibleName(QCoreApplication.translate("CompanyEditor", u"Sector", None))
#endif // QT_CONFIG(accessibility)
        self.website_label.setText(QCoreApplication.translate("CompanyEditor", u"&Website", None))
#if QT_CONFIG(accessibility)
        self.website.setAccessibleName(QCoreApplication.translate("CompanyEditor", u"Website", None))
#endif // QT_CONFIG(accessibility)
        self.website.setPlaceholderText(QCoreApplication.translate("CompanyEditor", u"https://", None))
        self.city_label.setText(QCoreApplication.translate("CompanyEditor", u"C&ity", None))
#if QT_CONFIG(accessibility)
        self.city.setAccessibleName(QCoreApplication.translate("CompanyEditor", u"City", None))
#endif // QT_CONFIG(accessibility)
        self.country_label.setText(QCoreApplication.translate("CompanyEditor", u"Co&untry", None))
#if QT_CONFIG(accessibility)
        self.country.setAccessibleName(QCoreApplication.translate("CompanyEditor", u"Country", None))
#endif // QT_CONFIG(accessibility)
        self.status_label.setText(QCoreApplication.translate("CompanyEditor", u"St&atus", None))
#if QT_CONFIG(tooltip)
        self.status.setToolTip(QCoreApplication.translate("CompanyEditor", u"Prospect, active or past partner", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.status.setAccessibleName(QCoreApplication.translate("CompanyEditor", u"Status", None))
#endif // QT_CONFIG(accessibility)
        self.notes_label.setText(QCoreApplication.translate("CompanyEditor", u"N&otes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("CompanyEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

