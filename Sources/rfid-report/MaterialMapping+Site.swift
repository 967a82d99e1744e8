import CirculationReports
import SiteConfiguration

extension MaterialMapping {
    /// The site file's `[report]` tables as the report builders take them.
    init(site report: SiteConfiguration.Report) {
        func entries(_ table: [String: SiteConfiguration.Report.Mapping]) -> [String: Entry] {
            table.mapValues { Entry(category: $0.category.map(MaterialCategory.init(site:)), audience: $0.audience.map(Audience.init(site:))) }
        }
        self.init(itemTypes: entries(report.itemTypes), collections: entries(report.collections), locations: entries(report.locations))
    }
}

extension MaterialCategory {
    init(site category: SiteConfiguration.Report.Category) {
        switch category {
        case .books: self = .books
        case .audio: self = .audio
        case .video: self = .video
        case .ebooks: self = .ebooks
        case .periodicals: self = .periodicals
        case .microforms: self = .microforms
        case .miscellaneous: self = .miscellaneous
        }
    }
}

extension Audience {
    init(site audience: SiteConfiguration.Report.Audience) {
        switch audience {
        case .adult: self = .adult
        case .children: self = .children
        case .youngAdult: self = .youngAdult
        }
    }
}
