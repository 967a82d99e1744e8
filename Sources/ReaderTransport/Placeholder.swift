import RFIDCommon
