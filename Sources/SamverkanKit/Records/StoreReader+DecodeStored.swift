import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension StoreReader {
  /// Decodes stored JSON into a record type (store errors name the damaged record).
  public func decodeStored<R: StoredRecord>(_ raw: JSONValue, as type: R.Type, id: RecordID) throws
    -> R
  {
    do {
      return try JSONValueDecoder().decode(R.self, from: raw)
    } catch let error as DecodingError {
      throw SamverkanError.storeUnavailable(
        path: directory,
        reason:
          "\(id) is damaged (\(error.fieldPath): \(error.plainMessage)); run 'samverkan store check'"
      )
    }
  }
}
