package org.imagesearch.config;

/**
 * {@link Settings} from the option groups a command mixes in; every part it does not configure takes its
 * defaults. The table's dimension and distance follow the model's descriptor.
 */
public final class SettingsBuilder {
    private KafkaOptions kafka = new KafkaOptions();
    private DatabaseOptions database = new DatabaseOptions();
    private TableOptions table = new TableOptions();
    private ModelOptions model = new ModelOptions();
    private LoaderOptions loader = new LoaderOptions();
    private JobOptions job = new JobOptions();
    private SearchOptions search = new SearchOptions();
    private QueryTopicOptions queryTopics = new QueryTopicOptions();
    private ServiceOptions service = new ServiceOptions();

    public SettingsBuilder with(KafkaOptions options) {
        kafka = options;
        return this;
    }

    public SettingsBuilder with(DatabaseOptions options) {
        database = options;
        return this;
    }

    public SettingsBuilder with(VectorTableOptions options) {
        database = options.database;
        table = options.table;
        model = options.model;
        return this;
    }

    public SettingsBuilder with(EmbeddingOptions options) {
        loader = options.loader;
        return with(options.vectors);
    }

    public SettingsBuilder with(LoaderOptions options) {
        loader = options;
        return this;
    }

    public SettingsBuilder with(JobOptions options) {
        job = options;
        return this;
    }

    public SettingsBuilder with(SearchOptions options) {
        search = options;
        return this;
    }

    public SettingsBuilder with(QueryTopicOptions options) {
        queryTopics = options;
        return this;
    }

    public SettingsBuilder with(ServiceOptions options) {
        service = options;
        return this;
    }

    public Settings build() {
        Settings.Model configuredModel = model.model();
        TableSpec configuredTable = table.table(configuredModel.descriptor());
        return new Settings(kafka.kafka(),
                database.database(configuredTable, table.duplicateDistance(configuredTable.distance())),
                configuredModel, loader.limits(), job.job(), search.search(), queryTopics.topics(), service.service());
    }
}
