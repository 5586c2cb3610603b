# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QMainWindow, QMenu, QMenuBar,
    QPushButton, QSizePolicy, QSpacerItem, QStatusBar,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(880, 560)
        self.actionRefresh = QAction(MainWindow)
        self.actionRefresh.setObjectName(u"actionRefresh")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.pageLayout = QVBoxLayout(self.centralWidget)
        self.pageLayout.setSpacing(12)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(24, 24, 24, 24)
        self.titleLabel = QLabel(self.centralWidget)
        self.titleLabel.setObjectName(u"titleLabel")

        self.pageLayout.addWidget(self.titleLabel)

        self.databaseLabel = QLabel(self.centralWidget)
        self.databaseLabel.setObjectName(u"databaseLabel")
        self.databaseLabel.setTextInteractionFlags(Qt.TextSelectableByMouse|Qt.TextSelectableByKeyboard)

        self.pageLayout.addWidget(self.databaseLabel)

        self.countsTable = QTableWidget(self.centralWidget)
        if (self.countsTable.columnCount() < 2):
            self.countsTable.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.countsTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.countsTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.countsTable.setObjectName(u"countsTable")
        self.countsTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.countsTable.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.countsTable.setColumnCount(2)
        self.countsTable.horizontalHeader().setStretchLastSection(True)
        self.countsTable.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.countsTable)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.refreshButton = QPushButton(self.centralWidget)
        self.refreshButton.setObjectName(u"refreshButton")

        self.buttonRow.addWidget(self.refreshButton)


        self.pageLayout.addLayout(self.buttonRow)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.menuFile = QMenu(self.menuBar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuHelp = QMenu(self.menuBar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menuBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.menuFile.menuAction())
        self.menuBar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionRefresh)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"ixdesk", None))
        self.actionRefresh.setText(QCoreApplication.translate("MainWindow", u"&Refresh", None))
#if QT_CONFIG(shortcut)
        self.actionRefresh.setShortcut(QCoreApplication.translate("MainWindow", u"F5", None))
#endif // QT_CONFIG(shortcut)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About ixdesk", None))
#if QT_CONFIG(shortcut)
        self.actionAbout.setShortcut(QCoreApplication.translate("MainWindow", u"F1", None))
#endif // QT_CONFIG(shortcut)
        self.titleLabel.setText(QCoreApplication.translate("MainWindow", u"ixdesk", None))
#if QT_CONFIG(accessibility)
        self.titleLabel.setAccessibleName(QCoreApplication.translate("MainWindow", u"Title", None))
#endif // QT_CONFIG(accessibility)
        self.databaseLabel.setText(QCoreApplication.translate("MainWindow", u"Database:", None))
#if QT_CONFIG(accessibility)
        self.databaseLabel.setAccessibleName(QCoreApplication.translate("MainWindow", u"Database location", None))
#endif // QT_CONFIG(accessibility)
        ___qtablewidgetitem = self.countsTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("MainWindow", u"Records", None))
        ___qtablewidgetitem1 = self.countsTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("MainWindow", u"Count", None))
#if QT_CONFIG(accessibility)
        self.countsTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Records in this database", None))
#endif // QT_CONFIG(accessibility)
        self.refreshButton.setText(QCoreApplication.translate("MainWindow", u"&Refresh", None))
#if QT_CONFIG(accessibility)
        self.refreshButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Refresh counts", None))
#endif // QT_CONFIG(accessibility)
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
    # retranslateUi

