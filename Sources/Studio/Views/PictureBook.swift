import Foundation
import Imaging

/// The pictures of the job the preview pane shows: a running job's newest preview, or a
/// finished job's images read back from its files (once, then kept). `version` changes whenever
/// the pictures do, so sixel data is encoded and sent only for new pictures.
struct PictureBook {
    private(set) var version = 0
    private var shownKey: String?
    private var current = PreviewPictures()
    private var files: [URL: RGBImage] = [:]

    mutating func pictures(for job: JobEntry?, comparing: Bool) -> PreviewPictures {
        guard let job else { return update(key: "none", PreviewPictures()) }
        if job.state == .finished, let main = job.mainOutput {
            let base = comparing ? job.baseOutput : nil
            let key = "\(job.ticket):file:\(main.path):\(base?.path ?? "")"
            if key == shownKey { return current }
            let baseImage = base.flatMap { read($0) }
            return update(key: key, PreviewPictures(main: read(main), base: baseImage))
        }
        return update(key: "\(job.ticket):preview:\(job.previewStep):\(job.preview != nil)", PreviewPictures(main: job.preview))
    }

    private mutating func update(key: String, _ pictures: PreviewPictures) -> PreviewPictures {
        if key != shownKey {
            shownKey = key
            current = pictures
            version += 1
        }
        return current
    }

    /// A finished image, read with the PNG reader's limits; nil when the file is gone or bad.
    private mutating func read(_ url: URL) -> RGBImage? {
        if let known = files[url] { return known }
        guard let image = try? PNGFile.read(url).image else { return nil }
        if files.count > 16 { files.removeAll() }
        files[url] = image
        return image
    }
}
